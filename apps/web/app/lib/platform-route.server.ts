import type { UseCaseContext } from "@rdlink/core/shared/context";
import { ValidationError } from "@rdlink/core/shared/errors";
import { type AppTx, type Database, getDatabase, type TenantTx } from "@rdlink/db";
import type { RouterContextProvider } from "react-router";
import { failureResponse, loadOr404, readForm, readSinglePurposeForm } from "./actions.server";
import { requirePermission } from "./auth.server";

type RouteArgs = { request: Request; context: Readonly<RouterContextProvider> };

/** A request by platform staff, and the one way a platform route reaches the database. */
export type PlatformRequest = ReturnType<typeof platformRequest>;

/**
 * Platform staff (anyone else gets a 404) and the transactions they work in. Unlike a county
 * user, staff look after every county, so the county is named by the page (its URL).
 */
export function platformRequest({ request, context }: RouteArgs) {
  const { ctx } = requirePermission(request, context, "platform.tenants.manage");
  return {
    ctx,
    request,
    /** One transaction in the county `tenantId`. */
    inTenant: <T>(tenantId: string, work: (tx: TenantTx, ctx: UseCaseContext) => Promise<T>) =>
      getDatabase().withTenant(tenantId, (tx) => work(tx, ctx)),
    /** One transaction outside any county: the platform's own list of counties. */
    outsideTenants: <T>(work: (tx: AppTx, ctx: UseCaseContext) => Promise<T>) =>
      getDatabase().withoutTenant((tx) => work(tx, ctx)),
    /** A use case that opens its own transactions (onboarding creates the county it then works in). */
    withDatabase: <T>(work: (db: Database, ctx: UseCaseContext) => Promise<T>) => work(getDatabase(), ctx),
    /** The submitted form; a single-purpose form carries no intent, so one that does is refused. */
    form: () => readSinglePurposeForm(request),
  };
}

/** A platform page's loader: what is missing is a 404 page, bad query parameters a 400. */
export function platformLoader<T>(args: RouteArgs, load: (platform: PlatformRequest) => Promise<T>) {
  const platform = platformRequest(args);
  return loadOr404(() => load(platform));
}

/** A platform form's action: deliberate refusals become the form's 4xx answer (see failureResponse). */
export async function platformAction<T>(args: RouteArgs, act: (platform: PlatformRequest) => Promise<T>) {
  try {
    return await act(platformRequest(args));
  } catch (error) {
    return failureResponse(error);
  }
}

/** What one intent of a county's platform page does with the rest of its form, and what the page gets. */
export type TenantIntentHandler<T> = (tx: TenantTx, ctx: UseCaseContext, form: Record<string, unknown>) => Promise<T>;

/**
 * A county's platform page with several forms, each naming its `intent`: the named handler runs in
 * one transaction in that county and its answer goes to the page. An intent the page does not
 * have is a 400 and touches nothing.
 */
export function tenantIntentAction<T>(
  args: RouteArgs,
  tenantId: string,
  handlers: Record<string, TenantIntentHandler<T>>,
) {
  return platformAction(args, async (platform) => {
    const { intent, ...form } = await readForm(platform.request);
    const handler = typeof intent === "string" && Object.hasOwn(handlers, intent) ? handlers[intent] : undefined;
    if (!handler) throw new ValidationError({}, "errors.unknownIntent");
    return platform.inTenant(tenantId, (tx, ctx) => handler(tx, ctx, form));
  });
}
