import { ValidationError } from "@rdlink/core/shared/errors";
import { getTemplateSetWorkflow } from "@rdlink/core/templates/get-template-set-workflow";
import { saveTemplateSetWorkflow } from "@rdlink/core/templates/save-template-set-workflow";
import { lazy, Suspense, useEffect, useState } from "react";
import { data, type ShouldRevalidateFunctionArgs } from "react-router";
import { DocumentTitle } from "~/components/document-title";
import { DesignerSkeleton } from "~/designer/ui/designer-skeleton";
import { readForm } from "~/lib/actions.server";
import { platformAction, platformLoader } from "~/lib/platform-route.server";
import type { Route } from "./+types/template-set-workflow";

// As the county's workflow page: the canvas draws in the browser only.
const designerCode = typeof document === "undefined" ? null : import("~/designer/ui/designer.client");
const Designer = lazy(() => designerCode ?? import("~/designer/ui/designer.client"));

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
        definition: parseJsonField(form.definition),
        layout: parseJsonField(form.layout),
      }),
    );
    return { ok: true as const, intent, revision: saved.revision };
  });
}

function parseJsonField(value: unknown): unknown {
  try {
    return JSON.parse(String(value));
  } catch {
    throw data({ messageKey: "errors.badRequest" }, { status: 400 });
  }
}

export function shouldRevalidate({ formData, defaultShouldRevalidate }: ShouldRevalidateFunctionArgs) {
  return formData?.get("intent") === "save" ? false : defaultShouldRevalidate;
}

export default function TemplateSetWorkflowPage({ loaderData }: Route.ComponentProps) {
  const [inBrowser, setInBrowser] = useState(false);
  useEffect(() => setInBrowser(true), []);
  const name = loaderData.workflow.name["zh-CN"] ?? "";
  const skeleton = <DesignerSkeleton name={name} />;
  return (
    <>
      <DocumentTitle title={`${name} · ${loaderData.templateSet.name}`} />
      {inBrowser ? (
        <Suspense fallback={skeleton}>
          <Designer {...loaderData} />
        </Suspense>
      ) : (
        skeleton
      )}
    </>
  );
}
