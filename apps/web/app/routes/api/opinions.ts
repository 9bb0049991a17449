import { withIntakeKeyRetry } from "@rdlink/core/cases/intake-key";
import { submitOpinionByApi } from "@rdlink/core/cases/submit-opinion-by-api";
import {
  apiHandler,
  apiJson,
  authenticateRequest,
  inCallerTenant,
  methodNotAllowed,
  readJsonBody,
} from "~/lib/api.server";
import { appClock } from "~/lib/clock.server";
import type { Route } from "./+types/opinions";

/** `POST /api/v1/opinions`: another system submits a citizen's opinion (see /api/openapi.json). */
export async function action({ request }: Route.ActionArgs) {
  return apiHandler(async () => {
    if (request.method !== "POST") return methodNotAllowed("POST");
    const caller = await authenticateRequest(request);
    const body = await readJsonBody(request);
    const idempotencyKey = request.headers.get("idempotency-key");
    const submit = () =>
      inCallerTenant(caller, (tx) =>
        submitOpinionByApi(tx, { keyId: caller.keyId, body, idempotencyKey, now: appClock.now() }),
      );
    // Two requests with one key at once: the loser's second try finds the winner's case.
    const result = await (idempotencyKey === null ? submit() : withIntakeKeyRetry(submit));
    const { created, ...answer } = result;
    return created
      ? apiJson(answer, 201, { Location: `/api/v1/opinions/${answer.trackingCode}` })
      : apiJson(answer, 200, { "Idempotent-Replayed": "true" });
  });
}

export function loader() {
  return methodNotAllowed("POST");
}
