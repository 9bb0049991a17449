import { trackCaseByApi } from "@rdlink/core/cases/track-case-by-api";
import { apiHandler, apiJson, authenticateRequest, methodNotAllowed, outsideTenant } from "~/lib/api.server";
import type { Route } from "./+types/opinion";

/** `GET /api/v1/opinions/:trackingCode`: where a case of the key's county stands; no personal data. */
export async function loader({ request, params }: Route.LoaderArgs) {
  return apiHandler(async () => {
    const caller = await authenticateRequest(request);
    const tracked = await outsideTenant((tx) => trackCaseByApi(tx, caller.divisionCode, params.trackingCode));
    return apiJson(tracked);
  });
}

export function action() {
  return methodNotAllowed("GET");
}
