import { describe, expect, it } from "vitest";
import { cameOverTls, contentSecurityPolicy, newNonce, setDocumentSecurityHeaders } from "./security-headers.server";

const directives = (policy: string) => new Map(policy.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));

describe("contentSecurityPolicy", () => {
  it("lets scripts run from this origin or with the nonce, never inline or by eval", () => {
    const policy = directives(contentSecurityPolicy("abc123=="));
    expect(policy.get("script-src")).toEqual(["'self'", "'nonce-abc123=='"]);
    expect(policy.get("default-src")).toEqual(["'self'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'none'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("worker-src")).toEqual(["'none'"]);
    expect(policy.get("connect-src")).toEqual(["'self'"]);
    for (const sources of policy.values()) {
      expect(sources).not.toContain("'unsafe-eval'");
      expect(sources).not.toContain("*");
    }
  });

  it("opens a WebSocket for Vite's hot reload in development only", () => {
    expect(directives(contentSecurityPolicy("n", { development: true })).get("connect-src")).toEqual(["'self'", "ws:"]);
  });
});

describe("newNonce", () => {
  it("is 128 random bits in base64, new each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});

describe("setDocumentSecurityHeaders", () => {
  const headersFor = (url: string, init?: RequestInit) => {
    const headers = new Headers();
    setDocumentSecurityHeaders(new Request(url, init), headers, "n0nce");
    return headers;
  };

  it("sets the policy with the document's nonce", () => {
    expect(headersFor("http://localhost/").get("Content-Security-Policy")).toContain("'nonce-n0nce'");
  });

  it("sends HSTS only over TLS, direct or through the proxy", () => {
    expect(headersFor("http://localhost/").has("Strict-Transport-Security")).toBe(false);
    expect(headersFor("https://rd.example.gov.cn/").get("Strict-Transport-Security")).toBe(
      "max-age=31536000; includeSubDomains",
    );
    expect(
      headersFor("http://127.0.0.1:3001/", { headers: { "X-Forwarded-Proto": "https" } }).has(
        "Strict-Transport-Security",
      ),
    ).toBe(true);
    expect(cameOverTls(new Request("http://127.0.0.1/", { headers: { "X-Forwarded-Proto": "http" } }))).toBe(false);
  });
});
