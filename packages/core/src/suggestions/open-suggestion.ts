import { randomUUID } from "node:crypto";
import { congressSessions, deputies, suggestions, type TenantTx } from "@rdlink/db";
import { startCase as startOnRuntime, type TWorkflowDefinition, ZWorkflowDefinition } from "@rdlink/workflow";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { runtimeActor } from "../cases/acting-as";
import { asUseCaseError } from "../cases/case-errors";
import { DrizzleCaseStore } from "../cases/drizzle-case-store";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, isUniqueViolation, NotFoundError, ValidationError } from "../shared/errors";
import { latestVersions } from "../workflows/latest-versions";
import type { TSuggestionFields } from "./suggestion-input";

export type TSuggestionWorkflow = { versionId: string; definition: TWorkflowDefinition };

/**
 * The county's suggestion workflow: the first in use whose definition declares `kind:
 * "suggestion"` (its key and names are the county's to change). A county without one is told so.
 */
export async function suggestionWorkflow(tx: TenantTx): Promise<TSuggestionWorkflow> {
  const [latest] = await latestVersions(tx, sql`v.kind = 'suggestion'`);
  if (!latest) throw new ConflictError("sessions.noWorkflow");
  const raw = typeof latest.definition === "string" ? JSON.parse(latest.definition) : latest.definition;
  return { versionId: latest.id, definition: ZWorkflowDefinition.parse(raw) };
}

/** The session, or 404 (another county's id, or no id at all, is not found either). */
export async function sessionOf(tx: TenantTx, sessionId: string) {
  if (!z.uuid().safeParse(sessionId).success) throw new NotFoundError();
  const [session] = await tx
    .select()
    .from(congressSessions)
    .where(and(eq(congressSessions.tenantId, tx.tenantId), eq(congressSessions.id, sessionId)));
  if (!session) throw new NotFoundError();
  return session;
}

/** Which of these ids are deputies of the county's directory (not archived). */
export async function knownDeputies(tx: TenantTx, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx
    .select({ id: deputies.id })
    .from(deputies)
    .where(
      and(eq(deputies.tenantId, tx.tenantId), inArray(deputies.id, [...new Set(ids)]), isNull(deputies.archivedAt)),
    );
  return new Set(rows.map((r) => r.id));
}

/** Refuses a 领衔 or 附议 deputy the directory does not have, naming the field; nothing is written. */
export async function assertDeputies(tx: TenantTx, leadDeputyId: string, coDeputyIds: readonly string[]) {
  const known = await knownDeputies(tx, [leadDeputyId, ...coDeputyIds]);
  if (!known.has(leadDeputyId)) throw new ValidationError({ leadDeputyId: "validation.unknownDeputy" });
  if (coDeputyIds.some((id) => !known.has(id))) throw new ValidationError({ coDeputyIds: "validation.unknownDeputy" });
  if (coDeputyIds.includes(leadDeputyId)) throw new ValidationError({ coDeputyIds: "validation.leadIsCoDeputy" });
}

/** The session's numbers so far, for the next one and for duplicates. */
export async function sessionNumbers(tx: TenantTx, sessionId: string): Promise<Set<string>> {
  const rows = await tx
    .select({ number: suggestions.number })
    .from(suggestions)
    .where(and(eq(suggestions.tenantId, tx.tenantId), eq(suggestions.sessionId, sessionId)));
  return new Set(rows.map((r) => r.number));
}

/** The number after the session's highest numeric one, with as many digits (at least three): 001, 002… */
export function nextNumber(numbers: Iterable<string>): string {
  let highest = 0;
  let width = 3;
  for (const number of numbers) {
    if (!/^\d+$/.test(number)) continue;
    highest = Math.max(highest, Number(number));
    width = Math.max(width, number.length);
  }
  return String(highest + 1).padStart(width, "0");
}

/**
 * Opens a suggestion: a case on the county's suggestion workflow, its start form filled by what
 * the form declares (the field of type deputy is the 领衔代表, the first text field the content),
 * the 领衔代表 as the case's deputy (who rates the answer), and its row in the session.
 */
export async function openSuggestion(
  tx: TenantTx,
  ctx: UseCaseContext,
  args: {
    sessionId: string;
    fields: TSuggestionFields & { number: string };
    source: "staff" | "deputy" | "import";
    workflow: TSuggestionWorkflow;
    now: Date;
  },
) {
  const { fields, workflow } = args;
  const form = workflow.definition.entry.staff?.form ?? [];
  const data: Record<string, unknown> = {};
  const deputyField = form.find((f) => f.type === "deputy");
  if (deputyField) data[deputyField.key] = fields.leadDeputyId;
  const textField = form.find((f) => f.type === "longText") ?? form.find((f) => f.type === "text");
  if (textField) data[textField.key] = fields.content;
  const caseId = randomUUID();
  try {
    await startOnRuntime(
      new DrizzleCaseStore(tx, {
        channel: "deputy",
        category: fields.category,
        title: fields.title,
        deputyIds: [fields.leadDeputyId],
      }),
      { caseId, versionId: workflow.versionId, data, actor: runtimeActor(ctx.actor), now: args.now },
    );
  } catch (error) {
    throw asUseCaseError(error);
  }
  try {
    const [row] = await tx
      .insert(suggestions)
      .values({
        caseId,
        sessionId: args.sessionId,
        number: fields.number,
        sector: fields.sector,
        receivedOn: fields.receivedOn,
        leadDeputyId: fields.leadDeputyId,
        coDeputyIds: fields.coDeputyIds,
        source: args.source,
        createdAt: args.now,
      })
      .returning();
    return { suggestionId: row!.id, caseId, number: fields.number };
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("sessions.numberTaken", "number");
    throw error;
  }
}
