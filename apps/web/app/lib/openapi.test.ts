import { ZOpinion } from "@rdlink/core/cases/opinion-input";
import { ZApiOpinionEnvelope } from "@rdlink/core/cases/submit-opinion-by-api";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { CASE_STEP_EXAMPLE, OPINION_EXAMPLE, openApiDocument } from "./openapi";

/** The document as a client reads it: through JSON. */
const doc = JSON.parse(JSON.stringify(openApiDocument));

function compile(name: string) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addFormat("uuid", /^[0-9a-f-]{36}$/i);
  ajv.addFormat("date-time", (v: string) => !Number.isNaN(Date.parse(v)));
  ajv.addSchema({ $id: "doc", ...doc });
  return ajv.compile({ $ref: `doc#/components/schemas/${name}` });
}

/** Every `$ref` in the document, with where it points. */
function refs(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) refs(v, found);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "$ref" && typeof v === "string") found.push(v);
      else refs(v, found);
    }
  }
  return found;
}

const pointer = (ref: string) =>
  ref
    .replace(/^#\//, "")
    .split("/")
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], doc);

/** What the use case accepts, by the same zod schemas it parses with. */
const acceptedByZod = (body: Record<string, unknown>) =>
  ZApiOpinionEnvelope.safeParse(body).success && ZOpinion.safeParse(body).success;

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 with the API's paths, operations and security", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.title).toBeTruthy();
    expect(Object.keys(doc.paths).sort()).toEqual(["/api/v1/opinions", "/api/v1/opinions/{trackingCode}"]);
    expect(Object.keys(doc.paths["/api/v1/opinions"])).toEqual(["post"]);
    expect(Object.keys(doc.paths["/api/v1/opinions/{trackingCode}"])).toEqual(["get"]);
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
    const operations = Object.values(doc.paths).flatMap((p) => Object.values(p as object));
    for (const op of operations) {
      expect(op.operationId).toBeTruthy();
      expect(Object.keys(op.responses)).toContain("401");
      // Path parameters are declared.
      for (const param of op.parameters ?? []) expect(["header", "path", "query"]).toContain(param.in);
    }
    expect(doc.paths["/api/v1/opinions/{trackingCode}"].get.parameters[0]).toMatchObject({
      name: "trackingCode",
      in: "path",
      required: true,
    });
  });

  it("documents the signed case-step webhook, whose example is valid", () => {
    expect(Object.keys(doc.webhooks)).toEqual(["caseStep"]);
    const event = compile("CaseStepEvent");
    expect(event(CASE_STEP_EXAMPLE)).toBe(true);
    expect(event({ ...CASE_STEP_EXAMPLE, step: { ...CASE_STEP_EXAMPLE.step, seq: 0 } })).toBe(false);
    expect(doc.webhooks.caseStep.post.parameters.map((p: { name: string }) => p.name)).toContain("X-Rdlink-Signature");
  });

  it("resolves every $ref, and every schema compiles as JSON Schema 2020-12", () => {
    for (const ref of refs(doc)) expect(pointer(ref), ref).toBeDefined();
    for (const name of Object.keys(doc.components.schemas)) expect(() => compile(name), name).not.toThrow();
  });

  it("accepts its examples, and the request schema agrees with the use case's zod schemas", () => {
    const request = compile("OpinionRequest");
    const error = compile("Error");
    const created = compile("OpinionCreated");
    expect(request(OPINION_EXAMPLE), JSON.stringify(request.errors)).toBe(true);
    expect(acceptedByZod(OPINION_EXAMPLE)).toBe(true);
    const post = doc.paths["/api/v1/opinions"].post;
    expect(created(post.responses["201"].content["application/json"].example)).toBe(true);
    for (const status of ["400", "413", "415"]) {
      expect(error(post.responses[status].content["application/json"].example), status).toBe(true);
    }
    for (const name of ["Unauthorized", "RateLimited"]) {
      expect(error(doc.components.responses[name].content["application/json"].example), name).toBe(true);
    }
    const cases: [string, Record<string, unknown>][] = [
      ["minimal", { stationCode: "450107-K7M2QD", content: "路灯坏了三个月", category: "transport" }],
      ["no station", { content: "路灯坏了三个月", category: "transport" }],
      ["unknown category", { ...OPINION_EXAMPLE, category: "weather" }],
      ["content too long", { ...OPINION_EXAMPLE, content: "长".repeat(2001) }],
      ["name too long", { ...OPINION_EXAMPLE, submitterName: "名".repeat(31) }],
      ["name null", { ...OPINION_EXAMPLE, submitterName: null }],
      ["externalId too long", { ...OPINION_EXAMPLE, externalId: "x".repeat(101) }],
      ["consent not boolean", { ...OPINION_EXAMPLE, consent: 1 }],
    ];
    for (const [label, body] of cases) expect(request(body), label).toBe(acceptedByZod(body));
  });

  it("documents the status body with the fields the API answers", () => {
    const status = compile("OpinionStatus");
    expect(
      status({
        trackingCode: "450107-K7M2QD8P",
        state: "registered",
        stateLabel: "登记",
        closed: false,
        category: "transport",
        stationName: "联络站",
        handlingUnitName: null,
        satisfaction: null,
        submittedAt: new Date().toISOString(),
        milestones: [{ at: new Date().toISOString(), label: "登记" }],
        answers: [],
      }),
      JSON.stringify(status.errors),
    ).toBe(true);
  });
});
