import { selectRows, type TenantTx } from "@rdlink/db";
import type { StepWrite } from "@rdlink/workflow";
import { sql } from "drizzle-orm";
import { PUBLIC_ANSWER_FIELDS } from "../cases/public-answers";
import type { TCitizenSmsStep } from "./sms-settings-input";

/** The outbox `kind` of a message to the citizen's mobile phone. */
export const CITIZEN_SMS_KIND = "sms";
/** Its `actionIndex`, apart from a step's own `notify` actions (0, 1 …), so both fit one step's seq. */
export const CITIZEN_SMS_ACTION_INDEX = 1000;
/** Only a mainland mobile number can take an SMS; a landline left on the form gets none. */
const MOBILE = "^1[3-9][0-9]{9}$";
const MOBILE_PATTERN = new RegExp(MOBILE);

/**
 * Whether a case's citizen can be texted at all: a tracking code and a mobile number. A step of
 * any other case skips `queueCitizenSms` without asking the database.
 */
export const textsCitizen = (kase: { trackingCode: string | null; submitterPhone: string | null }) =>
  kase.trackingCode !== null && kase.submitterPhone !== null && MOBILE_PATTERN.test(kase.submitterPhone);

/**
 * Which public step a workflow step is for the citizen, whatever the county's workflow calls its
 * states: an answer they can read on the tracking page (the fields `trackCase` shows), the case
 * reaching a closing state (办结, merged…), or the case handed to a handling unit (交办). One
 * message per step, the answer first: an answer that closes the case says both.
 */
export function citizenStepOf(step: StepWrite): Exclude<TCitizenSmsStep, "submitted"> | null {
  const answered = PUBLIC_ANSWER_FIELDS.some((field) => {
    const value = step.event.data[field];
    return typeof value === "string" && value.trim() !== "";
  });
  if (answered) return "answered";
  if (step.change.desk?.closes) return "closed";
  if (step.leftState !== null && step.change.desk?.assigneeScope === "handlingUnit") return "assigned";
  return null;
}

/**
 * Queues the citizen's SMS for a step, in the step's transaction: only for a case whose citizen
 * left a mobile number (which the intake takes only with their consent) and has a tracking code.
 * The payload names no number (the worker reads it from the case), so neither the outbox page
 * nor any log ever holds one. `closed` is sent when the case first closes (a later archiving
 * closes nothing new); `assigned` once per case, however often it is reassigned or redone.
 */
export async function queueCitizenSms(
  tx: TenantTx,
  message: { caseId: string; seq: number; step: TCitizenSmsStep; at: Date },
): Promise<boolean> {
  const at = message.at.toISOString();
  const template = `sms.${message.step}`;
  const rows = await selectRows<{ id: string }>(
    tx,
    sql`insert into outbox (tenant_id, case_id, seq, action_index, kind, payload, created_at, next_attempt_at)
      select c.tenant_id, c.id, ${message.seq}, ${CITIZEN_SMS_ACTION_INDEX}, ${CITIZEN_SMS_KIND},
        jsonb_build_object('to', 'submitter', 'template', ${template}::text), ${at}::timestamptz, ${at}::timestamptz
      from cases c
      where c.tenant_id = ${tx.tenantId} and c.id = ${message.caseId}
        and c.tracking_code is not null and c.submitter_phone ~ ${MOBILE}
        and (${message.step} <> 'closed' or c.closed_at = ${at}::timestamptz)
        and (${message.step} <> 'assigned' or not exists (
          select 1 from outbox o where o.tenant_id = c.tenant_id and o.case_id = c.id
            and o.kind = ${CITIZEN_SMS_KIND} and o.payload->>'template' = ${template}))
      on conflict do nothing
      returning id`,
  );
  return rows.length > 0;
}
