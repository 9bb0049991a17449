// `pnpm --filter @rdlink/workflow schema`: rewrites workflow-definition.schema.json from the zod schema.
import { writeFileSync } from "node:fs";
import { workflowDefinitionJsonSchema } from "../definition/json-schema";

const file = new URL("../../workflow-definition.schema.json", import.meta.url);
writeFileSync(file, `${JSON.stringify(workflowDefinitionJsonSchema(), null, 2)}\n`);
console.log(`Wrote ${file.pathname}`);
