import { z } from "zod";

/** Field schemas shared by forms. Messages are i18n keys. */
export const ZName = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .max(60, "validation.tooLong");

export const ZUsername = z
  .string({ error: "validation.required" })
  .trim()
  .toLowerCase()
  .min(3, "validation.usernameLength")
  .max(32, "validation.usernameLength")
  .regex(/^[a-z0-9][a-z0-9._-]*$/, "validation.usernameChars");

export const ZId = z.uuid({ error: "validation.invalid" });
