import { z } from "zod";

/** The product's retention when a county has not set its own: three years after a case closes. */
export const DEFAULT_RETENTION_MONTHS = 36;

export const ZPrivacySettings = z.object({
  retentionMonths: z.coerce
    .number({ error: "validation.retentionMonths" })
    .int("validation.retentionMonths")
    .min(6, "validation.retentionMonths")
    .max(120, "validation.retentionMonths"),
});

/** A citizen's request to erase their data: the case's tracking code and the phone number they left. */
export const ZErasureRequest = z.object({
  trackingCode: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(64),
  phone: z
    .string({ error: "validation.required" })
    .transform((v) => v.replace(/\s+/g, ""))
    .pipe(z.string().regex(/^1\d{10}$/, "validation.invalidPhone")),
});
