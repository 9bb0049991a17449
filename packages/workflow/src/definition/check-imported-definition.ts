import { Ajv2020 } from "ajv/dist/2020.js";
import type { TWorkflowDefinition } from "./definition-schema";
import { workflowDefinitionJsonSchema } from "./json-schema";
import { type ValidationContext, type ValidationIssue, validateDefinition } from "./validate-definition";

export type ImportIssue = { path: string; code: "notJson" | "jsonSchema" | ValidationIssue["code"]; message: string };

export type ImportResult = { ok: true; definition: TWorkflowDefinition } | { ok: false; errors: ImportIssue[] };

let compiled: ReturnType<Ajv2020["compile"]> | undefined;
const schemaValidator = () => {
  compiled ??= new Ajv2020({ allErrors: true, strict: false }).compile(workflowDefinitionJsonSchema());
  return compiled;
};

/** `/states/review/transitions/0/target` → `states.review.transitions[0].target`, as validateDefinition writes paths. */
const pointerToPath = (pointer: string) =>
  pointer
    .split("/")
    .slice(1)
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((part, index) => (/^\d+$/.test(part) ? `[${part}]` : index === 0 ? part : `.${part}`))
    .join("");

/**
 * A definition file someone uploads: first JSON at all, then the published JSON Schema (what
 * other tools are promised), then every check of validateDefinition. Every problem is listed
 * with its path; only a file that passes all three is a definition.
 */
export function checkImportedDefinition(text: string, context: ValidationContext = {}): ImportResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [{ path: "", code: "notJson", message: (error as Error).message }] };
  }
  const validate = schemaValidator();
  if (!validate(value)) {
    const errors = (validate.errors ?? []).map((e) => {
      const path = pointerToPath(e.instancePath);
      return { path, code: "jsonSchema" as const, message: `${path || "(root)"}: ${e.message ?? "invalid"}` };
    });
    return { ok: false, errors };
  }
  const result = validateDefinition(value, context);
  if (!result.ok) return { ok: false, errors: result.errors };
  return { ok: true, definition: result.definition };
}
