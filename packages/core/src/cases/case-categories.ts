/**
 * What an opinion is about, as citizens pick it on the public form and counties count
 * it. Labels live in i18n (`cases.categories.<key>`).
 */
export const CASE_CATEGORIES = [
  "urbanConstruction",
  "transport",
  "education",
  "health",
  "socialSecurity",
  "environment",
  "agriculture",
  "publicSafety",
  "governance",
  /** 随手拍: a photo of a small thing to fix; a county can route it straight to a unit. */
  "quickSnap",
  "other",
] as const;

export type TCaseCategory = (typeof CASE_CATEGORIES)[number];
