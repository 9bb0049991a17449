import { z } from "zod";
import { ZWorkflowDefinition } from "./definition-schema";

/**
 * The definition format as JSON Schema (draft 2020-12), for other tools and for checking
 * imported files. Checked in as workflow-definition.schema.json; a test keeps it current.
 */
export function workflowDefinitionJsonSchema() {
  return {
    ...z.toJSONSchema(ZWorkflowDefinition, { io: "input", unrepresentable: "any" }),
    $id: "https://rdlink.example/schemas/workflow-definition.schema.json",
    title: "Workflow definition",
  };
}
