/**
 * Unmasked mainland mobile numbers anywhere in a value (as JSON). Ids and hashes are left
 * out first: their hex may hold eleven digits in a row that read like a mobile number.
 */
export function mobileNumbersIn(value: unknown): string[] {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  const withoutIds = text.replace(/[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}|[0-9a-f]{32,}/gi, "");
  return withoutIds.match(/(?<!\d)1[3-9]\d{9}(?!\d)/g) ?? [];
}
