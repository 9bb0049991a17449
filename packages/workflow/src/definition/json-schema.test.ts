import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { WORKFLOW_TEMPLATES } from "../templates";
import { workflowDefinitionJsonSchema } from "./json-schema";

const checkedIn = JSON.parse(readFileSync(new URL("../../workflow-definition.schema.json", import.meta.url), "utf8"));

describe("the JSON Schema of the definition format", () => {
  it("is the one checked in (run `pnpm --filter @rdlink/workflow schema` after changing the format)", () => {
    expect(checkedIn).toEqual(JSON.parse(JSON.stringify(workflowDefinitionJsonSchema())));
  });

  it("accepts every shipped template and refuses a broken one, in a standard validator", () => {
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(checkedIn);
    for (const template of WORKFLOW_TEMPLATES) expect(validate(template), template.key).toBe(true);
    expect(validate({ ...WORKFLOW_TEMPLATES[0], schemaVersion: 2, states: "none" })).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath)).toEqual(expect.arrayContaining(["/schemaVersion", "/states"]));
  });
});
