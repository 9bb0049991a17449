import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { openSecret, sealSecret } from "./secret-box";

const key = randomBytes(32);
const here = { tenantId: "8f0c0c5e-0000-4000-8000-000000000001", field: "secretKey" };

describe("sealed county secrets", () => {
  it("open with the same key, county and field", () => {
    const sealed = sealSecret(key, "the-secret-key-0123", here);
    expect(sealed).not.toContain("the-secret-key-0123");
    expect(sealed).toMatch(/^v1\./);
    expect(openSecret(key, sealed, here)).toBe("the-secret-key-0123");
    // A fresh nonce each time: the same secret never looks the same twice.
    expect(sealSecret(key, "the-secret-key-0123", here)).not.toBe(sealed);
  });

  it("do not open under another key, in another county or field, or tampered with", () => {
    const sealed = sealSecret(key, "s3cret", here);
    expect(() => openSecret(randomBytes(32), sealed, here)).toThrow();
    expect(() => openSecret(key, sealed, { ...here, tenantId: "8f0c0c5e-0000-4000-8000-000000000002" })).toThrow();
    expect(() => openSecret(key, sealed, { ...here, field: "secretId" })).toThrow();
    const parts = sealed.split(".");
    const flipped = Buffer.from(parts[3]!, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    expect(() => openSecret(key, [...parts.slice(0, 3), flipped.toString("base64url")].join("."), here)).toThrow();
  });
});
