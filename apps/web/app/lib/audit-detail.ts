import type { TFunction } from "i18next";

/** Details that are ids, hashes or machine plans: useful in the stored log, not as a sentence. */
const HIDDEN = new Set([
  "stationId",
  "postId",
  "caseId",
  "checklistId",
  "intakeWorkflowId",
  "handlingUnitId",
  "hash",
  "plan",
  "key",
]);
/** Values of these fields are words with labels: ledger kinds, roles, a calendar day's kind… */
const VALUE_LABELS: Record<string, (value: string) => string> = {
  kind: (v) => `ledger.kinds.${v}|auditDetail.values.kind.${v}`,
  role: (v) => `roles.${v}`,
  via: (v) => `auditDetail.values.via.${v}`,
  direction: (v) => `auditDetail.values.direction.${v}`,
  met: (v) => `auditDetail.values.met.${v}`,
  status: (v) => `auditDetail.values.status.${v}`,
};

/**
 * An audit entry's detail as a sentence in the user's language ("由「金陵镇」改为「金陵街道」";
 * "站点：金陵村联络站；类别：接待日；日期：2026-03-02"), never as JSON: a rename reads as one,
 * every other field by its label, with its value's label where it is a word of the product,
 * yes/no for flags, lists joined, ids left out.
 */
export function auditDetailText(t: TFunction, detail: unknown): string {
  if (!detail || typeof detail !== "object" || Array.isArray(detail)) return "";
  const tr = t as unknown as (key: string | string[], options?: Record<string, unknown>) => string;
  const entries = Object.entries(detail as Record<string, unknown>).filter(
    ([key, value]) => !HIDDEN.has(key) && value !== null && value !== undefined && value !== "",
  );
  const values = Object.fromEntries(entries);
  const parts: string[] = [];
  if (typeof values.from === "string" && typeof values.to === "string") {
    parts.push(tr("auditDetail.renamed", { from: values.from, to: values.to }));
  }
  for (const [key, value] of entries) {
    if ((key === "from" || key === "to") && parts.length > 0) continue;
    const label = tr(`auditDetail.fields.${key}`, { defaultValue: "" });
    if (!label) continue;
    parts.push(`${label}：${valueText(tr, key, value)}`);
  }
  return parts.join("；");
}

function valueText(
  tr: (key: string | string[], options?: Record<string, unknown>) => string,
  key: string,
  value: unknown,
) {
  if (typeof value === "boolean") return tr(value ? "auditDetail.yes" : "auditDetail.no");
  // The keys of a form's fields are identifiers: how many, not which.
  if (Array.isArray(value) && key === "fields") return String(value.length);
  if (Array.isArray(value)) {
    const words = value.filter((v) => typeof v === "string" || typeof v === "number");
    return words.length === value.length ? words.join("、") : String(value.length);
  }
  if (typeof value === "string" && VALUE_LABELS[key]) {
    return tr(VALUE_LABELS[key](value).split("|"), { defaultValue: value });
  }
  if (typeof value === "object") return "—";
  return String(value);
}
