import { describe, expect, it } from "vitest";
import { ZOpinion } from "../cases/opinion-input";
import { type OpinionDraft, precheckOpinion } from "./precheck-opinion";

const good: OpinionDraft = {
  category: "urbanConstruction",
  content: "村口路灯坏了，晚上看不清路",
  submitterPhone: "",
  consent: false,
};

describe("precheckOpinion", () => {
  it("passes a complete opinion, with or without a consented phone number", () => {
    expect(precheckOpinion(good)).toEqual({});
    expect(precheckOpinion({ ...good, submitterPhone: "138 7700 1234", consent: true })).toEqual({});
  });

  it("asks for consent when a phone number is typed", () => {
    expect(precheckOpinion({ ...good, submitterPhone: "13877001234" })).toEqual({
      consent: "validation.consentRequired",
    });
  });

  it("refuses a missing category, a short or missing opinion and a malformed number", () => {
    expect(precheckOpinion({ category: "", content: "  ", submitterPhone: "12345", consent: true })).toEqual({
      category: "validation.required",
      content: "validation.required",
      submitterPhone: "validation.invalidPhone",
    });
    expect(precheckOpinion({ ...good, content: "路灯" }).content).toBe("validation.tooShort");
    expect(precheckOpinion({ ...good, content: "路".repeat(2001) }).content).toBe("validation.tooLong");
  });

  it("agrees with the server's schema on phone and consent", () => {
    for (const [submitterPhone, consent] of [
      ["13877001234", false],
      ["13877001234", true],
      ["0771-1234567", true],
      ["1387700123", true],
      ["", false],
    ] as const) {
      const server = ZOpinion.safeParse({
        content: good.content,
        category: "urbanConstruction",
        submitterPhone,
        consent: consent ? "on" : undefined,
      });
      const browser = precheckOpinion({ ...good, submitterPhone, consent });
      expect(Object.keys(browser).length === 0, `${submitterPhone} ${consent}`).toBe(server.success);
    }
  });
});
