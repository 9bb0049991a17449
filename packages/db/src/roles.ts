/** The roles live in @rdlink/vocabulary; this path stays for its callers. */
export * from "@rdlink/vocabulary/roles";
