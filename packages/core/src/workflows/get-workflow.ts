import { assertCan } from "@rdlink/auth";
import { calendarDays, cases, stationTypes, type TenantTx, users, workflows, workflowVersions } from "@rdlink/db";
import { ZFieldList } from "@rdlink/forms";
import { ZWorkflowDefinition } from "@rdlink/workflow";
import { and, count, desc, eq, inArray, isNull } from "drizzle-orm";
import { caseIsClosed, caseIsOpen, countWhere } from "../cases/case-progress";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError, parseInput } from "../shared/errors";
import { ZId } from "../shared/fields";
import { countyReferences } from "./county-references";

/** How many of a workflow's cases are listed on its page (the workbench lists them all). */
const RECENT_CASES = 10;

/**
 * Everything the designer opens a workflow with: the draft and its revision, every
 * published version (who, when, how many cases run on it), the latest published
 * definition to compare the draft with, the latest cases, the county's teams, and its
 * calendar so that the simulation counts working days exactly as the runtime does.
 */
export async function getWorkflow(tx: TenantTx, ctx: UseCaseContext, workflowIdInput: unknown) {
  assertCan(ctx.actor, "tenant.workflows.manage", { tenantId: tx.tenantId });
  const workflowId = parseInput(ZId, workflowIdInput);
  const [workflow] = await tx
    .select({
      id: workflows.id,
      key: workflows.key,
      name: workflows.name,
      draft: workflows.draft,
      draftLayout: workflows.draftLayout,
      draftRevision: workflows.draftRevision,
      draftUpdatedAt: workflows.draftUpdatedAt,
      draftUpdatedBy: users.displayName,
    })
    .from(workflows)
    .leftJoin(users, eq(users.id, workflows.draftUpdatedBy))
    .where(and(eq(workflows.tenantId, tx.tenantId), eq(workflows.id, workflowId)));
  if (!workflow) throw new NotFoundError();

  const versions = await tx
    .select({
      id: workflowVersions.id,
      version: workflowVersions.version,
      contentHash: workflowVersions.contentHash,
      publishedAt: workflowVersions.publishedAt,
      publishedBy: users.displayName,
    })
    .from(workflowVersions)
    .leftJoin(users, eq(users.id, workflowVersions.publishedBy))
    .where(and(eq(workflowVersions.tenantId, tx.tenantId), eq(workflowVersions.workflowId, workflowId)))
    .orderBy(desc(workflowVersions.version));
  const caseCounts = await tx
    .select({ versionId: cases.versionId, open: countWhere(caseIsOpen), closed: countWhere(caseIsClosed) })
    .from(cases)
    .where(and(eq(cases.tenantId, tx.tenantId), eq(cases.workflowId, workflowId)))
    .groupBy(cases.versionId);
  // 在办 and 办结 as the dashboard and the workflow list count them.
  const casesOf = (versionId: string, progress: "open" | "closed") =>
    caseCounts.find((c) => c.versionId === versionId)?.[progress] ?? 0;

  const [latest] = versions;
  const [published] = latest
    ? await tx
        .select({ definition: workflowVersions.definition, layout: workflowVersions.layout })
        .from(workflowVersions)
        .where(and(eq(workflowVersions.tenantId, tx.tenantId), eq(workflowVersions.id, latest.id)))
    : [];
  const versionNumber = new Map(versions.map((v) => [v.id, v.version]));
  const recentCases = await tx
    .select({
      id: cases.id,
      versionId: cases.versionId,
      state: cases.state,
      status: cases.status,
      createdAt: cases.createdAt,
    })
    .from(cases)
    .where(and(eq(cases.tenantId, tx.tenantId), eq(cases.workflowId, workflowId)))
    .orderBy(desc(cases.createdAt), desc(cases.id))
    .limit(RECENT_CASES);
  const calendar = await tx
    .select({ date: calendarDays.day, kind: calendarDays.kind })
    .from(calendarDays)
    .where(eq(calendarDays.tenantId, tx.tenantId));

  // 迁移: for each older version with running cases, the states they are in; and the latest's states.
  const runningStates = await tx
    .select({ versionId: cases.versionId, state: cases.state, count: count() })
    .from(cases)
    .where(and(eq(cases.tenantId, tx.tenantId), eq(cases.workflowId, workflowId), eq(cases.status, "active")))
    .groupBy(cases.versionId, cases.state);
  const olderIds = [...new Set(runningStates.map((r) => r.versionId))].filter((id) => id !== latest?.id);
  const olderDefinitions =
    olderIds.length === 0
      ? []
      : await tx
          .select({ id: workflowVersions.id, definition: workflowVersions.definition })
          .from(workflowVersions)
          .where(and(eq(workflowVersions.tenantId, tx.tenantId), inArray(workflowVersions.id, olderIds)));
  const labelsOf = (definition: unknown) => ZWorkflowDefinition.parse(definition).states;
  const migration = {
    from: olderDefinitions
      .map(({ id, definition }) => {
        const states = labelsOf(definition);
        return {
          version: versionNumber.get(id)!,
          states: runningStates
            .filter((r) => r.versionId === id)
            .map((r) => ({ id: r.state, label: states[r.state]?.label ?? { "zh-CN": r.state }, running: r.count })),
        };
      })
      .sort((a, b) => a.version - b.version),
    targetStates: published
      ? Object.entries(labelsOf(published.definition)).map(([id, state]) => ({ id, label: state.label }))
      : [],
  };

  // What the station types' public forms ask besides the opinion and its category: guards may read it.
  const typeForms = await tx
    .select({ intakeFields: stationTypes.intakeFields })
    .from(stationTypes)
    .where(and(eq(stationTypes.tenantId, tx.tenantId), isNull(stationTypes.archivedAt)));
  const intakeFields = [
    ...new Map(typeForms.flatMap((t) => ZFieldList.parse(t.intakeFields)).map((f) => [f.key, f])).values(),
  ];

  // The teams and units a definition may name, offered by name.
  const { teams, units } = await countyReferences(tx);

  return {
    workflow,
    migration,
    intakeFields,
    teams,
    units,
    versions: versions.map((v) => ({ ...v, runningCases: casesOf(v.id, "open"), doneCases: casesOf(v.id, "closed") })),
    published: published && latest ? { version: latest.version, ...published } : null,
    recentCases: recentCases.map((c) => ({ ...c, version: versionNumber.get(c.versionId) ?? null })),
    calendar,
  };
}
