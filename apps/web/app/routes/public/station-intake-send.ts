import { redirect } from "react-router";
import { failureResponse } from "~/lib/actions.server";
import { clientIpContext } from "~/lib/context";
import { receiveIntake } from "~/lib/intake-action.server";
import type { Route } from "./+types/station-intake-send";

/**
 * The station's public form as its page's script sends it (to show the upload's progress):
 * the very action of /s/:code, answered as JSON, `{ ok: true, trackingCode }` or the form's
 * refusal (FormFailure) with its 4xx status. Without a script the page posts to /s/:code.
 */
export async function action({ request, params, context }: Route.ActionArgs) {
  try {
    const trackingCode = await receiveIntake(request, params.code, context.get(clientIpContext));
    return Response.json({ ok: true, trackingCode });
  } catch (error) {
    const refusal = failureResponse(error);
    return Response.json(refusal.data, refusal.init ?? undefined);
  }
}

/** Nothing to show: the form is at /s/:code. */
export function loader({ params }: Route.LoaderArgs) {
  return redirect(`/s/${encodeURIComponent(params.code)}`);
}
