import { can, isSameOriginRequest, type Permission, readCookie, SESSION_COOKIE, type Target } from "@rdlink/auth";
import { loadActor, type SignedIn } from "@rdlink/core/auth/load-actor";
import type { UseCaseContext } from "@rdlink/core/shared/context";
import { getDatabase } from "@rdlink/db";
import { data, type MiddlewareFunction, type RouterContextProvider, redirect } from "react-router";
import { appClock } from "~/lib/clock.server";
import { isApiRequest } from "./api.server";
import { clientIpContext, signedInContext } from "./context";

/**
 * CSRF: a state-changing request must come from a page of this site. The API (`/api/…`)
 * is for other systems and never reads the session cookie (bearer keys only), so a
 * forged request from a browser carries nothing it would accept.
 */
export const sameOriginMiddleware: MiddlewareFunction<Response> = ({ request }) => {
  if (!isApiRequest(request) && !isSameOriginRequest(request))
    return new Response("跨站请求被拒绝 / Cross-site request refused", { status: 403 });
};

/** Resolves the session cookie to a user once per request; the API ignores cookies altogether. */
export const sessionMiddleware: MiddlewareFunction<Response> = async ({ request, context }) => {
  const token = isApiRequest(request) ? null : readCookie(request, SESSION_COOKIE);
  context.set(signedInContext, token ? await loadActor(getDatabase(), token, appClock.now()) : null);
};

type Context = Readonly<RouterContextProvider>;

/** The signed-in user, or a redirect to the sign-in page that comes back here afterwards. */
export function requireSignedIn(request: Request, context: Context): SignedIn {
  const signedIn = context.get(signedInContext);
  if (!signedIn) {
    const url = new URL(request.url);
    throw redirect(`/sign-in?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return signedIn;
}

/**
 * A user who may do `permission`. Anyone else gets 404, not 403: a page of another
 * county, or one outside a role, should not even be confirmed to exist.
 */
export function requirePermission(
  request: Request,
  context: Context,
  permission: Permission,
  target?: Target,
): SignedIn & { ctx: UseCaseContext } {
  const signedIn = requireSignedIn(request, context);
  if (!can(signedIn.actor, permission, target)) throw notFound();
  return { ...signedIn, ctx: actingContext(signedIn, context) };
}

/** A signed-in user's use-case context: who acts, from where, by which clock (the audit log records all three). */
export function actingContext(signedIn: SignedIn, context: Context): UseCaseContext {
  return { actor: signedIn.actor, ip: context.get(clientIpContext), clock: appClock };
}

/** A signed-in user of a county, with that county's id (platform staff get 404 on county pages). */
export function requireCountyUser(request: Request, context: Context) {
  const signedIn = requireSignedIn(request, context);
  const { actor, tenant } = signedIn;
  if (!actor.tenantId || !tenant) throw notFound();
  return { ...signedIn, tenant, tenantId: actor.tenantId, ctx: actingContext(signedIn, context) };
}

export function notFound() {
  return data({ messageKey: "errors.notFound" }, { status: 404 });
}

export function requestMeta(request: Request, context: Context) {
  return { ip: context.get(clientIpContext), userAgent: request.headers.get("user-agent") };
}

/**
 * What the account pages (sign-in, invitation, password, sign-out) give their use cases, which open
 * their own transactions before anyone's county is known: the database, where the request came
 * from, and the time.
 */
export function accountRequest(request: Request, context: Context) {
  return { db: getDatabase(), meta: requestMeta(request, context), now: appClock.now() };
}
