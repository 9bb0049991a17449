import { calendarFromDays, defaultCalendarDays } from "../calendar";
import { ZWorkflowDefinition } from "../definition/definition-schema";
import { citizenOpinion } from "../templates";
import { applyEvent, startCase } from "./case-runtime";
import type { WorkflowError } from "./errors";
import { MemoryCaseStore } from "./memory-case-store";

/** The runtime's tests' cases: a 群众意见 case in memory, its actors, and a way to step it on. */

export const definition = ZWorkflowDefinition.parse(citizenOpinion);
export const UNIT = "7d1a3b8e-2f6c-4a5b-9c0d-1e2f3a4b5c6d";
export const liaison = { userId: "u-liaison", roles: ["station_liaison"] as const };
export const admin = { userId: "u-admin", roles: ["county_admin"] as const };
export const responder = { userId: "u-unit", roles: ["handling_unit_responder"] as const };
export const citizen = { userId: null, roles: ["citizen"] as const };

/** A case opened by a citizen on Monday 2026-09-28; `send` steps it on a minute later each time. */
export async function opened(now = new Date("2026-09-28T02:00:00Z")) {
  const store = new MemoryCaseStore(calendarFromDays(defaultCalendarDays(2026)));
  store.addVersion("v1", definition);
  await startCase(store, { caseId: "c1", versionId: "v1", data: { content: "路灯不亮" }, actor: citizen, now });
  let clock = now.getTime();
  const seq = () => store.cases.get("c1")!.seq;
  const send = async (
    type: string,
    actor: { userId: string | null; roles: readonly string[] },
    data = {},
    key?: string,
  ) => {
    clock += 60_000;
    return applyEvent(
      store,
      "c1",
      { type, data },
      {
        expectedSeq: seq(),
        actor: actor as never,
        now: new Date(clock),
        idempotencyKey: key,
      },
    );
  };
  return { store, send, seq };
}

/** Up to the handling unit's desk. */
export async function toHandling() {
  const c = await opened();
  await c.send("SUBMIT_REVIEW", liaison, { summary: "路灯不亮" });
  await c.send("HAND_OVER", liaison, { issueScope: "individual" });
  await c.send("ASSIGN", admin, { handlingUnit: UNIT });
  await c.send("ACCEPT", responder);
  return c;
}

/** The error a refused step throws, or null when it went through. */
export const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: WorkflowError) => e,
  );
