/** Chinese mobile numbers and landlines with an area code (0571-87654321 or 057187654321). No zod here: the public page checks with it too. */
export const PHONE_PATTERN = /^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
