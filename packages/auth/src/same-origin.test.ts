import { describe, expect, it } from "vitest";
import { readCookie, sessionCookie } from "./cookie";
import { isSameOriginRequest } from "./same-origin";

const post = (headers: Record<string, string>) =>
  new Request("https://rd.example.cn/sign-in", { method: "POST", headers });

describe("same-origin check", () => {
  it("lets GET through and a same-origin POST", () => {
    expect(isSameOriginRequest(new Request("https://rd.example.cn/"))).toBe(true);
    expect(isSameOriginRequest(post({ "sec-fetch-site": "same-origin" }))).toBe(true);
    expect(isSameOriginRequest(post({ origin: "https://rd.example.cn" }))).toBe(true);
  });

  it("refuses a cross-site POST and one that says nothing of its origin", () => {
    expect(isSameOriginRequest(post({ "sec-fetch-site": "cross-site", origin: "https://rd.example.cn" }))).toBe(false);
    expect(isSameOriginRequest(post({ origin: "https://evil.example" }))).toBe(false);
    expect(isSameOriginRequest(post({ origin: "null" }))).toBe(false);
    expect(isSameOriginRequest(post({}))).toBe(false);
  });
});

describe("session cookie", () => {
  it("is HttpOnly, Secure, SameSite=Lax and host-only", () => {
    const cookie = sessionCookie("abc.def");
    expect(cookie).toMatch(/^__Host-rd_session=abc\.def; Path=\/;/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("Secure");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).not.toContain("Domain=");
    expect(cookie).toContain("Max-Age=604800");
  });

  it("is read back from a Cookie header", () => {
    const request = new Request("https://x/", { headers: { cookie: "a=1; __Host-rd_session=abc.def; b=2" } });
    expect(readCookie(request, "__Host-rd_session")).toBe("abc.def");
    expect(readCookie(request, "missing")).toBeNull();
  });
});
