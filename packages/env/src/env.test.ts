import { describe, expect, it } from "vitest";
import { ZEnv } from "./env";

const KEY = "ab".repeat(32);
const POSTGRES = "postgres://rdlink_app:x@127.0.0.1:5432/rdlink";

describe("COUNTY_SECRETS_KEY", () => {
  it("is required in production on PostgreSQL", () => {
    const parsed = ZEnv.safeParse({ NODE_ENV: "production", DATABASE_URL: POSTGRES });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["COUNTY_SECRETS_KEY"]);
    expect(ZEnv.safeParse({ NODE_ENV: "production", DATABASE_URL: POSTGRES, COUNTY_SECRETS_KEY: KEY }).success).toBe(
      true,
    );
  });

  it("may be left out in development and in the embedded trial", () => {
    expect(ZEnv.safeParse({ NODE_ENV: "development", DATABASE_URL: POSTGRES }).success).toBe(true);
    expect(ZEnv.safeParse({ NODE_ENV: "production" }).success).toBe(true);
  });

  it("must be 32 bytes in hex", () => {
    expect(ZEnv.safeParse({ COUNTY_SECRETS_KEY: "short" }).success).toBe(false);
    expect(ZEnv.safeParse({ COUNTY_SECRETS_KEY: "zz".repeat(32) }).success).toBe(false);
  });
});
