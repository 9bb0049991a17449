import type { TFieldListInput } from "@rdlink/forms";

/**
 * What a citizen fills in on a station's public page besides the opinion itself, its
 * photos and an optional phone number (those are on every intake form): what a station
 * type the county adds starts with. A new county's whole configuration comes from the
 * platform's template library (migration 0042, decision 0037).
 */
export const DEFAULT_INTAKE_FIELDS: TFieldListInput = [
  { key: "location", label: { "zh-CN": "涉及地点", en: "Where" }, type: "text", maxLength: 100 },
];
