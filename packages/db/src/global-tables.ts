/**
 * Tables that belong to the platform, not to a tenant. Every other table must be
 * tenant-owned: tenant_id in its keys, RLS enabled and forced (checked by
 * catalog.integration.test.ts). Adding a table here needs a reason in review.
 */
export const GLOBAL_TABLES = [
  "tenants",
  "users",
  "sessions",
  "login_throttles",
  "platform_audit_log",
  // The public intake's limits per address apply before any county is known (hashed keys only).
  "rate_limits",
  // The template library counties are onboarded from (decision 0037).
  "template_sets",
  "template_set_versions",
  // Counties' workflows offered to the library: the platform reviews them all (RLS: a county its own).
  "template_proposals",
] as const;
