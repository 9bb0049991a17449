import type { Route } from "../../routes/county/+types/workflow";

/**
 * What the designer opens: a county's workflow as its route's loader gives it, or a workflow of
 * a template set's draft (`templateSet`), which has no versions or cases of its own and is
 * published with its set, not by itself.
 */
export type DesignerData = Route.ComponentProps["loaderData"] & { templateSet?: { id: string; name: string } };

/** What the workflow route's action answers, as the designer reads it. */
export type ActionResult = {
  ok: boolean;
  intent?: string;
  revision?: number;
  version?: number;
  created?: boolean;
  formError?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
};
