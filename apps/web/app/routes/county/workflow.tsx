import { startCase } from "@rdlink/core/cases/start-case";
import { ValidationError } from "@rdlink/core/shared/errors";
import { getWorkflow } from "@rdlink/core/workflows/get-workflow";
import { importWorkflowDefinition } from "@rdlink/core/workflows/import-workflow-definition";
import { migrateCases } from "@rdlink/core/workflows/migrate-cases";
import { publishWorkflow } from "@rdlink/core/workflows/publish-workflow";
import { saveWorkflowDraft } from "@rdlink/core/workflows/save-workflow-draft";
import type { ShouldRevalidateFunctionArgs } from "react-router";
import { DesignerPage } from "~/designer/ui/designer-page";
import { jsonValue, readForm } from "~/lib/actions.server";
import { countyAction, countyLoader } from "~/lib/county-route.server";
import type { Route } from "./+types/workflow";

export function loader(args: Route.LoaderArgs) {
  return countyLoader(args, (tx, ctx) => getWorkflow(tx, ctx, args.params.workflowId));
}

/** The designer's posts; each answers with what the editor needs next, an unknown intent with a 400. */
export function action(args: Route.ActionArgs) {
  const workflowId = args.params.workflowId;
  return countyAction(args, async (county) => {
    const { intent, ...form } = await readForm(county.request);
    return county.inTenant(async (tx, ctx) => {
      // Each use case checks the permission and answers 404 for another county's workflow.
      switch (intent) {
        case "save": {
          const saved = await saveWorkflowDraft(tx, ctx, {
            workflowId,
            baseRevision: Number(form.baseRevision),
            definition: jsonValue(form, "definition"),
            layout: jsonValue(form, "layout"),
          });
          return { ok: true as const, intent, revision: saved.revision };
        }
        case "publish": {
          const { version, created } = await publishWorkflow(tx, ctx, { workflowId, revision: form.revision });
          return { ok: true as const, intent, version: version.version, created };
        }
        case "import": {
          const imported = await importWorkflowDefinition(tx, ctx, { workflowId, ...form });
          return { ok: true as const, intent, revision: imported.revision };
        }
        case "migrate": {
          const result = await migrateCases(tx, ctx, {
            workflowId,
            fromVersion: Number(form.fromVersion),
            toVersion: Number(form.toVersion),
            stateMap: jsonValue(form, "stateMap"),
            dryRun: form.dryRun === "true",
          });
          return { ok: true as const, intent, migration: result };
        }
        case "startCase": {
          const { workflow } = await getWorkflow(tx, ctx, workflowId);
          const started = await startCase(tx, ctx, {
            workflowKey: workflow.key,
            data: form.summary ? { summary: form.summary } : {},
            title: form.summary || undefined,
          });
          return { ok: true as const, intent, caseId: started.caseId };
        }
        default:
          throw new ValidationError({}, "errors.unknownIntent");
      }
    });
  });
}

/** Autosaves answer the editor alone; reloading the whole workflow after each would be waste. */
export function shouldRevalidate({ formData, defaultShouldRevalidate }: ShouldRevalidateFunctionArgs) {
  return formData?.get("intent") === "save" ? false : defaultShouldRevalidate;
}

export default function WorkflowPage({ loaderData }: Route.ComponentProps) {
  const name = loaderData.workflow.name["zh-CN"] ?? "";
  return <DesignerPage data={loaderData} title={name} />;
}
