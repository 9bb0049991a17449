import { ValidationError } from "@rdlink/core/shared/errors";
import { getTemplateSetWorkflow } from "@rdlink/core/templates/get-template-set-workflow";
import { saveTemplateSetWorkflow } from "@rdlink/core/templates/save-template-set-workflow";
import type { ShouldRevalidateFunctionArgs } from "react-router";
import { DesignerPage } from "~/designer/ui/designer-page";
import { jsonValue, readForm } from "~/lib/actions.server";
import { platformAction, platformLoader } from "~/lib/platform-route.server";
import type { Route } from "./+types/template-set-workflow";

/**
 * A workflow of a template set's draft in the county's designer. What only a county's workflow
 * has (versions, cases, its teams, units and calendar) is empty: a set names none of them.
 */
export function loader(args: Route.LoaderArgs) {
  return platformLoader(args, (platform) =>
    platform.outsideTenants(async (tx, ctx) => {
      const { set, workflow, published, intakeFields } = await getTemplateSetWorkflow(tx, ctx, args.params);
      return {
        templateSet: set,
        workflow: { id: workflow.key, ...workflow },
        published,
        intakeFields,
        versions: [],
        recentCases: [],
        migration: { from: [], targetStates: [] },
        calendar: [],
        teams: [],
        units: [],
      };
    }),
  );
}

/** The designer's autosave; anything else it could post (publish, import, cases) is not for a set's workflow. */
export function action(args: Route.ActionArgs) {
  return platformAction(args, async (platform) => {
    const { intent, ...form } = await readForm(platform.request);
    if (intent !== "save") throw new ValidationError({}, "errors.unknownIntent");
    const saved = await platform.outsideTenants((tx, ctx) =>
      saveTemplateSetWorkflow(tx, ctx, {
        ...args.params,
        baseRevision: Number(form.baseRevision),
        definition: jsonValue(form, "definition"),
        layout: jsonValue(form, "layout"),
      }),
    );
    return { ok: true as const, intent, revision: saved.revision };
  });
}

export function shouldRevalidate({ formData, defaultShouldRevalidate }: ShouldRevalidateFunctionArgs) {
  return formData?.get("intent") === "save" ? false : defaultShouldRevalidate;
}

export default function TemplateSetWorkflowPage({ loaderData }: Route.ComponentProps) {
  const name = loaderData.workflow.name["zh-CN"] ?? "";
  return <DesignerPage data={loaderData} title={`${name} · ${loaderData.templateSet.name}`} />;
}
