import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { WORKFLOW_TEMPLATES } from "../templates";
import { canonicalJson, contentHash } from "./content-hash";

describe("contentHash", () => {
  it("equals node:crypto's SHA-256 of the canonical JSON, the hashes already stored", () => {
    for (const value of [...WORKFLOW_TEMPLATES, { 名称: "群众意见", emoji: "✅", n: [1, 2.5] }, "", null]) {
      expect(contentHash(value)).toBe(createHash("sha256").update(canonicalJson(value)).digest("hex"));
    }
  });

  it("ignores key order", () => {
    expect(contentHash({ a: 1, b: { c: 2, d: 3 } })).toBe(contentHash({ b: { d: 3, c: 2 }, a: 1 }));
  });
});
