import { assertCan, townshipsInScope } from "@rdlink/auth";
import { selectRows, type TenantTx } from "@rdlink/db";
import { sql } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";

export type TConsultationFigures = {
  townshipId: string;
  townshipName: string;
  year: number;
  /** Consultations opened that year at the township's contact points. */
  consultations: number;
  /** Comments on them: each online comment, each offline entry. */
  comments: number;
  /** People: one per online comment plus the people counted at tea talks, meetings, groups. */
  people: number;
  /** Comments the legislature adopted, in whole or in part. */
  adopted: number;
};

/**
 * 立法意见征集 for the dashboard, per township and year (of the consultation's opening, in
 * Asia/Shanghai): as the contact points report "收集意见 1,362 条，采纳 43 条". Within the
 * user's townships; a township without consultations is absent.
 */
export async function getConsultationFigures(
  tx: TenantTx,
  ctx: UseCaseContext,
  filter: { year?: number } = {},
): Promise<TConsultationFigures[]> {
  assertCan(ctx.actor, "tenant.stats.read", { tenantId: tx.tenantId });
  const scope = townshipsInScope(ctx.actor);
  const inScope =
    scope === "all"
      ? sql`true`
      : scope.length === 0
        ? sql`false`
        : sql`s.township_id in (${sql.join(
            scope.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`;
  const inYear =
    filter.year === undefined
      ? sql`true`
      : sql`extract(year from c.created_at at time zone 'Asia/Shanghai')::int = ${filter.year}`;
  const rows = await selectRows<{
    township_id: string;
    township_name: string;
    year: number;
    consultations: number;
    comments: number;
    people: number;
    adopted: number;
  }>(
    tx,
    sql`
    with k as (
      select c.id, s.township_id,
        extract(year from c.created_at at time zone 'Asia/Shanghai')::int as year
      from consultations c
      join stations s on s.tenant_id = c.tenant_id and s.id = c.station_id
      where c.tenant_id = ${tx.tenantId} and ${inScope} and ${inYear}
    )
    select k.township_id, t.name as township_name, k.year,
      count(distinct k.id)::int as consultations,
      count(m.id)::int as comments,
      coalesce(sum(m.people_count), 0)::int as people,
      (count(m.id) filter (where m.fate in ('adopted', 'partlyAdopted')))::int as adopted
    from k
    join townships t on t.tenant_id = ${tx.tenantId} and t.id = k.township_id
    left join consultation_comments m on m.tenant_id = ${tx.tenantId} and m.consultation_id = k.id
    group by k.township_id, t.name, k.year
    order by k.year desc, t.name
  `,
  );
  return rows.map((r) => ({
    townshipId: r.township_id,
    townshipName: r.township_name,
    year: Number(r.year),
    consultations: Number(r.consultations),
    comments: Number(r.comments),
    people: Number(r.people),
    adopted: Number(r.adopted),
  }));
}
