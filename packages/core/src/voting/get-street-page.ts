import {
  type AppTx,
  enterTenant,
  tenants,
  townships,
  votingBallots,
  votingCandidates,
  votingMeetings,
  votingProgressReports,
} from "@rdlink/db";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { NotFoundError } from "../shared/errors";

/** The county (by division code) and street a public address names. */
export async function findStreet(tx: AppTx, county: unknown, townshipId: unknown) {
  if (typeof county !== "string" || !/^\d{6}$/.test(county)) throw new NotFoundError();
  if (typeof townshipId !== "string" || !/^[0-9a-f-]{36}$/i.test(townshipId)) throw new NotFoundError();
  const [tenant] = await tx
    .select({ id: tenants.id, name: tenants.name })
    .from(tenants)
    .where(eq(tenants.divisionCode, county));
  if (!tenant) throw new NotFoundError();
  const tenantTx = await enterTenant(tx, tenant.id);
  const [street] = await tenantTx
    .select({ id: townships.id, name: townships.name })
    .from(townships)
    .where(and(eq(townships.tenantId, tenant.id), eq(townships.id, townshipId)));
  if (!street) throw new NotFoundError();
  return { tenantTx, countyName: tenant.name, street };
}

/**
 * The street's public page: each published meeting's results, its chosen projects with their
 * progress reports, and — for a receipt typed in — the ballot it belongs to, as counted.
 */
export async function getStreetPage(tx: AppTx, county: unknown, townshipId: unknown, receipt?: string | null) {
  const { tenantTx, countyName, street } = await findStreet(tx, county, townshipId);
  const meetings = await tenantTx
    .select({
      id: votingMeetings.id,
      name: votingMeetings.name,
      heldOn: votingMeetings.heldOn,
      rule: votingMeetings.rule,
    })
    .from(votingMeetings)
    .where(
      and(
        eq(votingMeetings.tenantId, tenantTx.tenantId),
        eq(votingMeetings.townshipId, street.id),
        eq(votingMeetings.status, "published"),
      ),
    )
    .orderBy(desc(votingMeetings.heldOn));
  const ids = meetings.map((m) => m.id);
  const candidates = ids.length
    ? await tenantTx
        .select({
          id: votingCandidates.id,
          meetingId: votingCandidates.meetingId,
          title: votingCandidates.title,
          costYuan: votingCandidates.costYuan,
          votesFor: votingCandidates.votesFor,
          votesAgainst: votingCandidates.votesAgainst,
          rank: votingCandidates.rank,
          status: votingCandidates.status,
          completedAt: votingCandidates.completedAt,
        })
        .from(votingCandidates)
        .where(and(eq(votingCandidates.tenantId, tenantTx.tenantId), inArray(votingCandidates.meetingId, ids)))
        .orderBy(asc(votingCandidates.rank))
    : [];
  const chosen = candidates.filter((c) => c.status === "chosen").map((c) => c.id);
  const reports = chosen.length
    ? await tenantTx
        .select({
          candidateId: votingProgressReports.candidateId,
          milestone: votingProgressReports.milestone,
          note: votingProgressReports.note,
          percent: votingProgressReports.percent,
          reportedOn: votingProgressReports.reportedOn,
          photos: votingProgressReports.photoFileIds,
        })
        .from(votingProgressReports)
        .where(
          and(
            eq(votingProgressReports.tenantId, tenantTx.tenantId),
            inArray(votingProgressReports.candidateId, chosen),
          ),
        )
        .orderBy(asc(votingProgressReports.reportedOn))
    : [];
  let checked: { meetingName: string; approved: string[]; rejected: string[] } | "unknown" | null = null;
  const asked = receipt?.toUpperCase().replace(/\s/g, "");
  if (asked) {
    const [ballot] = ids.length
      ? await tenantTx
          .select()
          .from(votingBallots)
          .where(
            and(
              eq(votingBallots.tenantId, tenantTx.tenantId),
              eq(votingBallots.receipt, asked),
              inArray(votingBallots.meetingId, ids),
            ),
          )
      : [];
    const title = (id: string) => candidates.find((c) => c.id === id)?.title ?? "";
    checked = ballot
      ? {
          meetingName: meetings.find((m) => m.id === ballot.meetingId)!.name,
          approved: ballot.approved.map(title),
          rejected: ballot.rejected.map(title),
        }
      : "unknown";
  }
  return {
    countyName,
    street,
    meetings: meetings.map((m) => ({
      ...m,
      candidates: candidates
        .filter((c) => c.meetingId === m.id)
        .map(({ meetingId: _m, ...c }) => ({
          ...c,
          progress: reports.filter((r) => r.candidateId === c.id).map(({ candidateId: _c, ...r }) => r),
        })),
    })),
    checked,
  };
}
