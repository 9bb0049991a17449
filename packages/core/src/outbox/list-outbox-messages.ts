import { assertCan } from "@rdlink/auth";
import { cases, outbox, type TenantTx } from "@rdlink/db";
import { and, count, desc, eq, type SQL } from "drizzle-orm";
import { z } from "zod";
import { maskPhone } from "../deputies/sheet/build-deputy-sheet";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { CITIZEN_SMS_KIND } from "../sms/queue-citizen-sms";

export const outboxStatuses = ["pending", "delivered", "failed"] as const;

export const ZListOutboxMessages = z.object({
  status: z.enum(outboxStatuses).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
  pageSize: z.coerce.number().int().min(10).max(200).default(50).catch(50),
});

const ZPayload = z.object({ to: z.string().optional(), template: z.string().optional() }).catch({});

/**
 * The county's messages to channels, newest first: what (template, target), for which
 * case, how delivered or how often it failed and why. `counts` feeds the status filter. A
 * citizen's SMS shows the number it goes to masked (138****5678), never in full.
 */
export async function listOutboxMessages(tx: TenantTx, ctx: UseCaseContext, input: unknown = {}) {
  assertCan(ctx.actor, "tenant.outbox.manage", { tenantId: tx.tenantId });
  const { status, page, pageSize } = parseInput(ZListOutboxMessages, input);
  const filters: (SQL | undefined)[] = [
    eq(outbox.tenantId, tx.tenantId),
    status ? eq(outbox.status, status) : undefined,
  ];
  const [rows, byStatus] = await Promise.all([
    tx
      .select({
        id: outbox.id,
        caseId: outbox.caseId,
        kind: outbox.kind,
        payload: outbox.payload,
        status: outbox.status,
        attempts: outbox.attempts,
        nextAttemptAt: outbox.nextAttemptAt,
        deliveredVia: outbox.deliveredVia,
        deliveredAt: outbox.deliveredAt,
        lastError: outbox.lastError,
        createdAt: outbox.createdAt,
        caseTitle: cases.title,
        trackingCode: cases.trackingCode,
        submitterPhone: cases.submitterPhone,
      })
      .from(outbox)
      .leftJoin(cases, and(eq(cases.tenantId, outbox.tenantId), eq(cases.id, outbox.caseId)))
      .where(and(...filters))
      .orderBy(desc(outbox.createdAt), desc(outbox.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    tx
      .select({ status: outbox.status, value: count() })
      .from(outbox)
      .where(eq(outbox.tenantId, tx.tenantId))
      .groupBy(outbox.status),
  ]);
  const counts = { pending: 0, delivered: 0, failed: 0 };
  for (const row of byStatus) counts[row.status] = row.value;
  const total = status ? counts[status] : counts.pending + counts.delivered + counts.failed;
  return {
    rows: rows.map(({ payload, submitterPhone, ...row }) => {
      const { to, template } = ZPayload.parse(payload);
      const phone = row.kind === CITIZEN_SMS_KIND && submitterPhone ? maskPhone(submitterPhone) : null;
      return { ...row, to: to ?? null, template: template ?? null, phone };
    }),
    counts,
    status: status ?? null,
    total,
    page,
    pageSize,
  };
}
