import { assertCan } from "@rdlink/auth";
import { cases, deputyStations, type TenantTx } from "@rdlink/db";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { ZId } from "../shared/fields";
import { actOnCase } from "./act-on-case";
import { runtimeActor } from "./acting-as";
import { casesReadyFor } from "./cases-ready-for";
import { DrizzleCaseStore } from "./drizzle-case-store";
import { titleOf } from "./opinion-input";
import { openCase } from "./start-case";

export const ZMergeIntoSuggestion = z.object({
  caseIds: z.array(ZId).min(2, "validation.mergeNeedsTwo").max(50, "validation.tooMany"),
  content: z
    .string({ error: "validation.required" })
    .trim()
    .min(5, "validation.tooShort")
    .max(4000, "validation.tooLong"),
});

/**
 * 整合: several opinions on one common issue become one deputy suggestion. The suggestion
 * opens on the county's workflow of kind "suggestion", listing its sources; each opinion
 * takes its workflow's 整合 step (the transition carrying `mergeIntoCase`, which tells its
 * citizen) and links to the suggestion. All or nothing: an opinion that cannot be merged
 * here is named and nothing is written.
 */
export async function mergeIntoSuggestion(tx: TenantTx, ctx: UseCaseContext, input: unknown, now = ctx.clock.now()) {
  assertCan(ctx.actor, "tenant.cases.act", { tenantId: tx.tenantId });
  const { caseIds, content } = parseInput(ZMergeIntoSuggestion, input);
  const sources = await casesReadyFor(tx, ctx.actor, caseIds, "mergeIntoCase", {
    refused: "work.merge.refused",
    notReady: "work.merge.notMergeable",
  });
  const store = new DrizzleCaseStore(tx);
  const first = sources[0]!;
  const sameStation = sources.every((s) => s.stationId === first.stationId);
  const sameTownship = sources.every((s) => s.townshipId === first.townshipId);
  const suggestion = await openCase(tx, {
    kind: "suggestion",
    data: { content, sources: sources.map((s) => s.trackingCode ?? s.id) },
    intake: {
      townshipId: sameTownship ? first.townshipId : null,
      stationId: sameStation ? first.stationId : null,
      channel: "deputy",
      category: first.category,
      title: titleOf(content),
    },
    actor: runtimeActor(ctx.actor),
    now,
  });
  for (const source of sources) {
    // The step's own form (the group's conclusion) is answered by the suggestion itself.
    const { definition } = await store.loadVersion(source.versionId);
    const texts = (definition.states[source.state]?.form ?? []).filter(
      (f) => f.required && (f.type === "text" || f.type === "longText"),
    );
    const data = { ...Object.fromEntries(texts.map((f) => [f.key, content])), suggestionId: suggestion.caseId };
    await actOnCase(tx, ctx, { caseId: source.id, event: source.step.event, data, expectedSeq: source.seq }, now);
  }
  // The suggestion's deputies: those of every station its opinions came from, who rate its answer
  // (代表测评) even when the opinions came from several stations and the suggestion has none.
  const stationIds = [...new Set(sources.map((s) => s.stationId).filter((id): id is string => id !== null))];
  const named =
    stationIds.length === 0
      ? []
      : await tx
          .selectDistinct({ deputyId: deputyStations.deputyId })
          .from(deputyStations)
          .where(and(eq(deputyStations.tenantId, tx.tenantId), inArray(deputyStations.stationId, stationIds)));
  await tx
    .update(cases)
    .set({ deputyIds: named.map((d) => d.deputyId) })
    .where(and(eq(cases.tenantId, tx.tenantId), eq(cases.id, suggestion.caseId)));
  await tx
    .update(cases)
    .set({ mergedIntoId: suggestion.caseId })
    .where(
      and(
        eq(cases.tenantId, tx.tenantId),
        inArray(
          cases.id,
          sources.map((s) => s.id),
        ),
      ),
    );
  return { suggestionId: suggestion.caseId, merged: sources.length };
}
