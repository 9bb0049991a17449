import { type TenantTx, votingMeetings } from "@rdlink/db";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, isUniqueViolation, parseInput } from "../shared/errors";
import { newCodeSecret } from "./ballot-code";
import { streetOf } from "./street-of";
import { ZVotingMeetingInput } from "./voting-input";

/** 选民代表会议: a street's meeting that votes on the year's candidate projects, by one rule. */
export async function createVotingMeeting(tx: TenantTx, ctx: UseCaseContext, townshipId: string, input: unknown) {
  const street = await streetOf(tx, ctx, townshipId);
  const { name, year, heldOn, rule, budgetWan } = parseInput(ZVotingMeetingInput, input);
  try {
    const [meeting] = await tx
      .insert(votingMeetings)
      .values({
        townshipId: street.id,
        name,
        year,
        heldOn,
        rule,
        budgetYuan: rule === "budget" && budgetWan != null ? Math.round(budgetWan * 10_000) : null,
        codeSecret: newCodeSecret(),
        createdBy: ctx.actor.userId,
        createdAt: ctx.clock.now(),
      })
      .returning({ id: votingMeetings.id });
    await recordAudit(tx, ctx, {
      action: "voting.meeting_created",
      objectType: "votingMeeting",
      objectId: meeting!.id,
      detail: { townshipId: street.id, name },
    });
    return meeting!;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("voting.errors.meetingNameTaken", "name");
    throw error;
  }
}
