import { hash, verify } from "@node-rs/argon2";
import { z } from "zod";

// Argon2id at the OWASP minimum (19 MiB, 2 passes, 1 lane), as in Lucia's guide.
const ARGON2ID = { algorithm: 2, memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Hashed once; verified against when the account does not exist, so both answers take as long. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword("decoy-password-for-unknown-accounts");
  return decoyHash;
}

const COMMON_PASSWORDS = new Set([
  "12345678",
  "123456789",
  "1234567890",
  "11111111",
  "88888888",
  "00000000",
  "password",
  "password1",
  "qwertyui",
  "qwerty123",
  "abc12345",
  "a1234567",
  "iloveyou",
  "admin123",
  "admin888",
  "woaini1314",
  "1qaz2wsx",
  "zxcvbnm1",
]);

/**
 * ASVS 6.2: at least 8 characters, long passphrases allowed, no composition rules,
 * common passwords refused. Messages are i18n keys.
 */
export const ZNewPassword = z
  .string()
  .min(8, "validation.passwordTooShort")
  .max(128, "validation.passwordTooLong")
  .refine((value) => !COMMON_PASSWORDS.has(value.toLowerCase()), "validation.passwordTooCommon");
