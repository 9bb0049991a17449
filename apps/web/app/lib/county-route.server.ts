import type { Permission } from "@rdlink/auth";
import type { StagedFiles } from "@rdlink/core/files/staged-files";
import type { UseCaseContext } from "@rdlink/core/shared/context";
import { ValidationError } from "@rdlink/core/shared/errors";
import { getDatabase, type TenantTx, type TransactionOptions } from "@rdlink/db";
import type { RouterContextProvider } from "react-router";
import {
  failureResponse,
  loadOr404,
  readForm,
  readFormWithFiles,
  readSinglePurposeForm,
  refuseIntent,
} from "./actions.server";
import { requireCountyUser, requirePermission } from "./auth.server";
import { withTenantStoringFiles } from "./files.server";

type RouteArgs = { request: Request; context: Readonly<RouterContextProvider> };

/** One use case's work inside the signed-in user's county. */
export type CountyWork<T> = (tx: TenantTx, ctx: UseCaseContext) => Promise<T>;

/** A request by a signed-in county user, and the one way a county route reaches the database. */
export type CountyRequest = ReturnType<typeof countyRequest>;

/**
 * The signed-in county user (a 404 for anyone else, or for someone without `permission`) and their
 * county's transaction. Routes use this instead of `withTenant`: the tenant comes from the session,
 * never from the URL or the form.
 */
export function countyRequest({ request, context }: RouteArgs, permission?: Permission) {
  const user = requireCountyUser(request, context);
  if (permission) requirePermission(request, context, permission);
  const { tenantId, ctx } = user;
  return {
    ...user,
    request,
    /** One transaction in this county (`options`: what the work promises, as `withTenant` takes it). */
    inTenant: <T>(work: CountyWork<T>, options?: TransactionOptions) =>
      getDatabase().withTenant(tenantId, (tx) => work(tx, ctx), options),
    /** One transaction that may store photos: they are kept only if it commits. */
    inTenantStoringFiles: <T>(work: (tx: TenantTx, ctx: UseCaseContext, staged: StagedFiles) => Promise<T>) =>
      withTenantStoringFiles(tenantId, (tx, staged) => work(tx, ctx, staged)),
    /** The submitted form; a form of a single-purpose page carries no intent, so one that does is refused. */
    form: () => readSinglePurposeForm(request),
    formWithFiles: async () => {
      const form = await readFormWithFiles(request);
      return { ...form, values: refuseIntent(form.values) };
    },
  };
}

/**
 * A county page's loader: one transaction in the user's county; what is missing or not theirs is a
 * 404 page, bad query parameters a 400. A user without `permission`, when given, gets the 404 too.
 */
export function countyLoader<T>(
  args: RouteArgs,
  load: (tx: TenantTx, ctx: UseCaseContext) => Promise<T>,
  permission?: Permission,
) {
  const county = countyRequest(args, permission);
  return loadOr404(() => county.inTenant(load));
}

/**
 * A county form's action: `act` reads the form and runs its use case (through `inTenant`), and
 * returns what the page gets (or a redirect). Deliberate refusals become the form's 4xx answer
 * (see failureResponse), anything else a 500.
 */
export async function countyAction<T>(
  args: RouteArgs,
  act: (county: CountyRequest) => Promise<T>,
  permission?: Permission,
) {
  try {
    return await act(countyRequest(args, permission));
  } catch (error) {
    return failureResponse(error);
  }
}

/** What one intent of a page with several forms does with the rest of its form, in one transaction. */
export type IntentHandler = (tx: TenantTx, ctx: UseCaseContext, form: Record<string, unknown>) => Promise<unknown>;

/**
 * A page with several forms, each naming its `intent`: the named handler runs in one transaction
 * and the page gets `{ ok: true }` (with `report` when the handler returns `{ report }`), or the
 * Response the handler returns, such as a redirect. An
 * intent the page does not have is a 400 and touches nothing. `permission`, when given, is checked
 * first (a 404 without it).
 */
export function intentAction(args: RouteArgs, handlers: Record<string, IntentHandler>, permission?: Permission) {
  return countyAction(
    args,
    async (county) => {
      const { intent, ...form } = await readForm(county.request);
      const handler = typeof intent === "string" && Object.hasOwn(handlers, intent) ? handlers[intent] : undefined;
      if (!handler) throw new ValidationError({}, "errors.unknownIntent");
      const result = await county.inTenant((tx, ctx) => handler(tx, ctx, form));
      if (result instanceof Response) return result;
      // A handler that reports on what it did (a batch's per-case results) returns `{ report }`.
      const report = typeof result === "object" && result !== null && "report" in result ? result.report : undefined;
      return { ok: true as const, report };
    },
    permission,
  );
}
