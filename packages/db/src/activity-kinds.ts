/** The ledger's kinds and figures live in @rdlink/vocabulary; this path stays for its callers. */
export * from "@rdlink/vocabulary/activity-kinds";
