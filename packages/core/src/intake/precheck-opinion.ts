import { PHONE_PATTERN } from "../shared/phone";

/**
 * The public form's checks the browser makes before a photo is sent, so that a missing
 * consent or a mistyped phone number is answered at once, not after a long upload on a slow
 * network. The same rules as ZOpinion (cases/opinion-input.ts), which the server applies
 * again; messages are the same i18n keys. No zod and nothing of the server: the public page
 * loads this module.
 */
export type OpinionDraft = {
  category: string;
  content: string;
  submitterPhone: string;
  consent: boolean;
};

export const OPINION_CONTENT_MIN = 5;
export const OPINION_CONTENT_MAX = 2000;

export function precheckOpinion(draft: OpinionDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  if (draft.category.trim() === "") errors.category = "validation.required";
  const content = draft.content.trim();
  if (content === "") errors.content = "validation.required";
  else if (content.length < OPINION_CONTENT_MIN) errors.content = "validation.tooShort";
  else if (content.length > OPINION_CONTENT_MAX) errors.content = "validation.tooLong";
  const phone = draft.submitterPhone.replace(/\s+/g, "");
  if (phone !== "" && !PHONE_PATTERN.test(phone)) errors.submitterPhone = "validation.invalidPhone";
  if (phone !== "" && !draft.consent) errors.consent = "validation.consentRequired";
  return errors;
}
