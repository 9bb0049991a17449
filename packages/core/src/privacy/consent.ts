/**
 * The consent text a citizen agrees to when leaving a mobile number with an opinion (the forms'
 * `consent` checkbox, i18n `intake.consent` and `cases.consent`), by version: change the version
 * whenever the text changes, so each case says which text its citizen agreed to.
 */
export const OPINION_CONSENT_VERSION = "opinion-phone/2026-12-05";

/** What a new case records of the consent its citizen gave: only a phone number needs it. */
export const consentOf = (submitterPhone: string | null | undefined) =>
  submitterPhone ? { consentVersion: OPINION_CONSENT_VERSION } : {};
