import { describe, expect, it } from "vitest";
import { citizenOpinion } from "../templates";
import { checkImportedDefinition } from "./check-imported-definition";

describe("checkImportedDefinition", () => {
  it("accepts a shipped template", () => {
    const result = checkImportedDefinition(JSON.stringify(citizenOpinion));
    expect(result.ok && result.definition.key).toBe("citizenOpinion");
  });

  it("refuses text that is not JSON", () => {
    const result = checkImportedDefinition("{ states: ");
    expect(result).toMatchObject({ ok: false, errors: [{ code: "notJson", path: "" }] });
  });

  it("lists every JSON Schema violation with its path", () => {
    const broken = structuredClone(citizenOpinion) as Record<string, any>;
    broken.schemaVersion = 2;
    broken.states.registered.kind = "meeting";
    const result = checkImportedDefinition(JSON.stringify(broken));
    expect(result.ok).toBe(false);
    const paths = result.ok ? [] : result.errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["schemaVersion", "states.registered.kind"]));
    expect(result.ok ? [] : result.errors.map((e) => e.code)).toContain("jsonSchema");
  });

  it("then checks the meaning: a target that does not exist", () => {
    const broken = structuredClone(citizenOpinion) as Record<string, any>;
    broken.states.registered.transitions[0].target = "nowhere";
    const result = checkImportedDefinition(JSON.stringify(broken));
    expect(result.ok ? [] : result.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: "unknownTarget", path: "states.registered.transitions[0].target" }),
      ]),
    );
  });
});
