import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * A county's secret (its SMS SecretId and SecretKey) as the database keeps it: AES-256-GCM under
 * the deployment's COUNTY_SECRETS_KEY, `v1.<iv>.<tag>.<ciphertext>` in base64url. The county and
 * the field are the associated data, so a ciphertext copied into another county's row, or into
 * another field, does not open.
 */
const VERSION = "v1";

export type SecretContext = { tenantId: string; field: string };

const aad = ({ tenantId, field }: SecretContext) => Buffer.from(`${tenantId}:${field}`, "utf8");

function checkKey(key: Buffer) {
  if (key.length !== 32) throw new Error("COUNTY_SECRETS_KEY must be 32 bytes");
}

export function sealSecret(key: Buffer, plaintext: string, context: SecretContext): string {
  checkKey(key);
  // A fresh 96-bit nonce per encryption: GCM must never reuse one under the same key.
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(aad(context));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

/** The secret, or an error when the key, the county or the field is not the one it was sealed with. */
export function openSecret(key: Buffer, sealed: string, context: SecretContext): string {
  checkKey(key);
  const [version, iv, tag, ciphertext] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new Error("not a sealed secret");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAAD(aad(context));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}
