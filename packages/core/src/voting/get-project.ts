import { handlingUnits, type TenantTx, votingMeetings, votingProgressReports } from "@rdlink/db";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";
import { chosenProject } from "./supervise-project";

/** A chosen project's supervision page: its unit, progress reports (with photos) and 验单. */
export async function getProject(tx: TenantTx, ctx: UseCaseContext, candidateId: string) {
  const { project, street } = await chosenProject(tx, ctx, candidateId, true);
  const [meeting] = project.meetingId
    ? await tx
        .select({ id: votingMeetings.id, name: votingMeetings.name })
        .from(votingMeetings)
        .where(and(eq(votingMeetings.tenantId, tx.tenantId), eq(votingMeetings.id, project.meetingId)))
    : [];
  const [units, reports] = await Promise.all([
    tx
      .select({ value: handlingUnits.id, label: handlingUnits.name })
      .from(handlingUnits)
      .where(and(eq(handlingUnits.tenantId, tx.tenantId), isNull(handlingUnits.archivedAt)))
      .orderBy(asc(handlingUnits.name)),
    tx
      .select({
        id: votingProgressReports.id,
        milestone: votingProgressReports.milestone,
        note: votingProgressReports.note,
        percent: votingProgressReports.percent,
        reportedOn: votingProgressReports.reportedOn,
        photoFileIds: votingProgressReports.photoFileIds,
      })
      .from(votingProgressReports)
      .where(and(eq(votingProgressReports.tenantId, tx.tenantId), eq(votingProgressReports.candidateId, project.id)))
      .orderBy(asc(votingProgressReports.reportedOn), asc(votingProgressReports.createdAt)),
  ]);
  return {
    project: {
      id: project.id,
      title: project.title,
      description: project.description,
      costYuan: project.costYuan,
      votesFor: project.votesFor,
      status: project.status,
      proposer: project.proposerName,
      handlingUnitId: project.handlingUnitId,
      completed: project.completedAt !== null,
      acceptance: project.acceptedOn
        ? {
            date: project.acceptedOn,
            satisfied: project.acceptanceSatisfied ?? 0,
            basic: project.acceptanceBasic ?? 0,
            unsatisfied: project.acceptanceUnsatisfied ?? 0,
          }
        : null,
    },
    street,
    meeting: meeting ?? null,
    units,
    reports,
  };
}
