import type { Route } from "../../routes/county/+types/station";

/** What the station page's loader gives its sections. */
export type StationPageData = Route.ComponentProps["loaderData"];
