import {
  type AppTx,
  enterTenant,
  type TenantTx,
  tenants,
  votingBallots,
  votingMeetings,
  votingParticipations,
  votingPresence,
} from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { Clock } from "../clock";
import { ConflictError, NotFoundError, parseInput, ValidationError } from "../shared/errors";
import { codeHash, newReceipt, parseBallotCode } from "./ballot-code";
import { hasQuorum, presentCount } from "./quorum";
import { ballotCandidates } from "./street-of";
import { ZBallotInput } from "./voting-input";

/** The meeting and representative a personal ballot code names, in its county's transaction. */
export async function findBallot(tx: AppTx, code: unknown, options: { lock?: boolean } = {}) {
  const parsed = parseBallotCode(code);
  if (!parsed) throw new NotFoundError();
  const [tenant] = await tx
    .select({ id: tenants.id })
    .from(tenants)
    .where(eq(tenants.divisionCode, parsed.divisionCode));
  if (!tenant) throw new NotFoundError();
  const tenantTx = await enterTenant(tx, tenant.id);
  const [presence] = await tenantTx
    .select({ meetingId: votingPresence.meetingId, representativeId: votingPresence.representativeId })
    .from(votingPresence)
    .where(and(eq(votingPresence.tenantId, tenant.id), eq(votingPresence.codeHash, codeHash(parsed.code))));
  if (!presence) throw new NotFoundError();
  const query = tenantTx
    .select()
    .from(votingMeetings)
    .where(and(eq(votingMeetings.tenantId, tenant.id), eq(votingMeetings.id, presence.meetingId)));
  // A shared lock: ballots go in side by side, closing the meeting waits for them.
  const [meeting] = options.lock ? await query.for("share") : await query;
  return { tenantTx, meeting: meeting!, representativeId: presence.representativeId };
}

/** Whether the code's holder has voted at its meeting. */
export async function hasVoted(tx: TenantTx, meetingId: string, representativeId: string) {
  const [row] = await tx
    .select({ id: votingParticipations.id })
    .from(votingParticipations)
    .where(
      and(
        eq(votingParticipations.tenantId, tx.tenantId),
        eq(votingParticipations.meetingId, meetingId),
        eq(votingParticipations.representativeId, representativeId),
      ),
    );
  return Boolean(row);
}

/**
 * 投票 on the representative's phone, by their personal code. In one transaction: the
 * participation row (who voted; its unique key refuses a second ballot, however many arrive at
 * once) and the anonymous ballot (what was voted, with a random receipt and nothing that names
 * the voter). Refused, writing nothing: a closed meeting, no quorum, an unknown candidate.
 */
export async function castBallot(tx: AppTx, code: unknown, input: unknown, clock: Clock) {
  const marks = parseInput(ZBallotInput, input);
  const { tenantTx, meeting, representativeId } = await findBallot(tx, code, { lock: true });
  if (meeting.status !== "open") throw new ConflictError("voting.errors.notOpen");
  if (!hasQuorum(await presentCount(tenantTx, meeting.id), meeting.eligibleCount ?? 0)) {
    throw new ConflictError("voting.errors.belowQuorum");
  }
  const onBallot = new Set((await ballotCandidates(tenantTx, meeting.id)).map((c) => c.id));
  if ([...marks.keys()].some((id) => !onBallot.has(id))) {
    throw new ValidationError({}, "voting.errors.unknownCandidate");
  }
  const [participation] = await tenantTx
    .insert(votingParticipations)
    .values({ meetingId: meeting.id, representativeId, channel: "online" })
    .onConflictDoNothing()
    .returning({ id: votingParticipations.id });
  if (!participation) throw new ConflictError("voting.errors.alreadyVoted");
  const receipt = newReceipt();
  const choices = [...marks];
  await tenantTx.insert(votingBallots).values({
    meetingId: meeting.id,
    receipt,
    approved: choices.filter(([, mark]) => mark === "for").map(([id]) => id),
    rejected: choices.filter(([, mark]) => mark === "against").map(([id]) => id),
  });
  // The audit trail knows a ballot came in, never whose or what (nor its receipt).
  await recordAudit(
    tenantTx,
    { actor: null, ip: null, clock },
    {
      action: "voting.ballot_cast",
      objectType: "votingMeeting",
      objectId: meeting.id,
      detail: {},
    },
  );
  return { receipt, meetingName: meeting.name };
}
