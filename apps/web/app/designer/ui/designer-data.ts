import type { Route } from "../../routes/county/+types/workflow";

/** What the workflow route's loader gives the designer. */
export type DesignerData = Route.ComponentProps["loaderData"];

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
