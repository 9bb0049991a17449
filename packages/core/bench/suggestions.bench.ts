import { performance } from "node:perf_hooks";
import { type Database, selectRows, type TenantTx } from "@rdlink/db";
import { flagKnob, intKnob, readKnobs, textKnob } from "@rdlink/env/knobs";
import { sql } from "drizzle-orm";
import { systemClock } from "../src/clock";
import type { UseCaseContext } from "../src/shared/context";
import { createMeeting } from "../src/suggestions/create-meeting";
import { createSession } from "../src/suggestions/create-session";
import { getMeeting } from "../src/suggestions/get-meeting";
import { openSuggestion, suggestionWorkflow } from "../src/suggestions/open-suggestion";
import { proposeUnits } from "../src/suggestions/propose-units";
import { onboardCounty } from "../src/tenants/onboard-county";
import { countyAdminOf, createOperator } from "../src/testing/actors";
import { driversOf, loadAverage, openBenchDatabase, timeRuns } from "./scratch";

/**
 * A congress session at scale: 600 suggestions waiting for the 交办会, 40 handling units, and the
 * session before it (600 suggestions its units handled) for the similar-title hint. Times what the
 * session's pages ask the database, p50/p95 over many runs.
 */

const knobs = readKnobs({
  adminUrl: textKnob("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
  drivers: textKnob("BENCH_DRIVERS", "postgres"),
  runs: intKnob("BENCH_RUNS", 200),
  warmup: intKnob("BENCH_WARMUP", 10),
  suggestions: intKnob("BENCH_SUGGESTIONS", 600),
  units: intKnob("BENCH_UNITS", 40),
  /** Keep the PostgreSQL database (its name is printed) to look at plans afterwards. */
  keep: flagKnob("BENCH_KEEP"),
});
const drivers = driversOf(knobs.drivers);

// ---------------------------------------------------------------------------------------
// The county, its units and deputies, two sessions of suggestions.

const PLACES = [
  "城区",
  "东泉镇",
  "桐岭镇",
  "三里镇",
  "二塘镇",
  "黄茆镇",
  "禄新镇",
  "思灵镇",
  "通挽镇",
  "金鸡乡",
  "河马乡",
  "全县",
];
const TOPICS = [
  "农村公路提质改造",
  "学校周边交通安全",
  "农村饮水安全工程",
  "老旧小区加装电梯",
  "甘蔗产业机械化",
  "乡村卫生室建设",
  "生活垃圾收运处理",
  "农田水利设施修缮",
  "城区停车难问题",
  "居家养老服务",
  "电商进农村",
  "河道综合治理",
  "义务教育师资配备",
  "农村危房改造",
  "文化广场建设",
  "特色农产品品牌",
  "农贸市场升级",
  "城乡公交一体化",
  "留守儿童关爱",
  "防汛抗旱能力",
];
const ASKS = ["的建议", "问题的建议", "工作的建议", "力度的建议"];

const titleOf = (i: number, shift: number) =>
  `关于加快${PLACES[(i + shift) % PLACES.length]}${TOPICS[(i * 7 + shift) % TOPICS.length]}${ASKS[i % ASKS.length]}`;

async function seedSession(db: Database, tenantId: string, ctx: UseCaseContext, meeting: number, shift: number) {
  return db.withTenant(tenantId, async (tx) => {
    const session = await createSession(tx, ctx, {
      term: 17,
      meeting,
      opensOn: `${2021 + meeting}-01-10`,
      closesOn: `${2021 + meeting}-01-13`,
    });
    const deputies = await selectRows<{ id: string }>(
      tx,
      sql`select id from deputies where tenant_id = ${tenantId} order by name, id`,
    );
    const workflow = await suggestionWorkflow(tx);
    const caseIds: string[] = [];
    for (let i = 0; i < knobs.suggestions; i++) {
      const fields = {
        title: titleOf(i, shift),
        content: `${titleOf(i, shift)}：建议有关部门统筹资金，分年度推进，切实解决群众反映强烈的问题。`,
        category: (["transport", "education", "agriculture", "urbanConstruction", "health"] as const)[i % 5]!,
        sector: null,
        leadDeputyId: deputies[i % deputies.length]!.id,
        coDeputyIds: [],
        receivedOn: `${2021 + meeting}-01-11`,
        number: String(i + 1).padStart(3, "0"),
      };
      const opened = await openSuggestion(tx, ctx, {
        sessionId: session.id,
        fields,
        source: "import",
        workflow,
        now: new Date(),
      });
      caseIds.push(opened.caseId);
    }
    return { session, caseIds };
  });
}

async function seedCounty(db: Database, analyze: () => Promise<void>) {
  const operator = { actor: await createOperator(db, "bench-operator"), ip: null, clock: systemClock };
  const { tenantId } = await onboardCounty(db, operator, {
    divisionCode: "450107",
    adminUsername: "bench-admin",
    adminDisplayName: "管理员",
  });
  const ctx: UseCaseContext = { actor: countyAdminOf(tenantId, operator.actor.userId), ip: null, clock: systemClock };
  const t0 = performance.now();
  await db.withTenant(tenantId, async (tx) => {
    await tx.execute(sql`
      insert into handling_units (name, duties)
      select '县第' || g || '承办单位', '承办代表建议' from generate_series(1, ${knobs.units}) g`);
    await tx.execute(sql`
      with t as (select id from townships where tenant_id = ${tenantId} order by sort_order limit 1)
      insert into deputies (name, level, township_id)
      select '代表' || lpad(g::text, 3, '0'), 'county', t.id from generate_series(1, 200) g cross join t`);
  });
  // The session before: each suggestion handled by a unit (its case has moved on).
  const earlier = await seedSession(db, tenantId, ctx, 4, 3);
  await db.withTenant(tenantId, (tx) =>
    tx.execute(sql`
      with u as (select id, row_number() over (order by name) - 1 as n from handling_units where tenant_id = ${tenantId}),
           c as (select case_id as id, row_number() over (order by number) - 1 as n from suggestions
                 where tenant_id = ${tenantId} and session_id = ${earlier.session.id})
      update cases set handling_unit_id = u.id, state = 'closed', status = 'done'
      from c join u on u.n = c.n % ${knobs.units}
      where cases.tenant_id = ${tenantId} and cases.id = c.id`),
  );
  // This session: all waiting for 交办, half of them proposed at its meeting.
  const current = await seedSession(db, tenantId, ctx, 5, 0);
  const meeting = await db.withTenant(tenantId, async (tx) => {
    const created = await createMeeting(tx, ctx, current.session.id, { heldOn: "2026-02-10" });
    const units = await selectRows<{ id: string }>(
      tx,
      sql`select id from handling_units where tenant_id = ${tenantId} order by name`,
    );
    const half = current.caseIds.slice(0, Math.floor(current.caseIds.length / 2));
    for (let u = 0; u < 10; u++) {
      await proposeUnits(tx, ctx, current.session.id, created.id, {
        caseIds: half.filter((_, i) => i % 10 === u),
        leadUnitId: units[u]!.id,
        coUnitIds: [units[u + 10]!.id],
      });
    }
    return created;
  });
  await analyze();
  return {
    tenantId,
    ctx,
    sessionId: current.session.id,
    meetingId: meeting.id,
    seedSeconds: (performance.now() - t0) / 1000,
  };
}

// ---------------------------------------------------------------------------------------
// The queries, through their use cases.

type Query = { name: string; run: (tx: TenantTx, ctx: UseCaseContext) => Promise<unknown> };
type Seeded = Awaited<ReturnType<typeof seedCounty>>;

/** 交办会: the meeting page's loader (working list with hints, pending proposals, units). */
function meetingQueries(s: Seeded): Query[] {
  return [
    { name: "交办会 working list", run: (tx, ctx) => getMeeting(tx, ctx, s.sessionId, s.meetingId) },
    {
      name: "交办会 list: transport, unproposed",
      run: (tx, ctx) => getMeeting(tx, ctx, s.sessionId, s.meetingId, { category: "transport", unproposed: "1" }),
    },
    {
      name: "交办会 list: search “公路”",
      run: (tx, ctx) => getMeeting(tx, ctx, s.sessionId, s.meetingId, { q: "公路" }),
    },
  ];
}

function time(db: Database, tenantId: string, ctx: UseCaseContext, query: Query) {
  return timeRuns(() => db.withTenant(tenantId, (tx) => query.run(tx, ctx)), knobs);
}

async function benchDriver(driver: "postgres" | "pglite") {
  const scratch = await openBenchDatabase(driver, knobs.adminUrl, knobs);
  const { db } = scratch;
  try {
    const seeded = await seedCounty(db, scratch.analyze);
    console.log(
      `\n## ${driver}: ${knobs.suggestions} suggestions waiting (half proposed) + ${knobs.suggestions} of the session before, ${knobs.units} units, seeded in ${seeded.seedSeconds.toFixed(1)} s`,
    );
    const sample = (await db.withTenant(seeded.tenantId, (tx) =>
      getMeeting(tx, seeded.ctx, seeded.sessionId, seeded.meetingId),
    )) as Awaited<ReturnType<typeof getMeeting>>;
    console.log(
      `working list: ${sample.suggestions.length} rows, ${sample.pending} proposed, ${sample.suggestions.filter((r) => r.hint).length} with a hint`,
    );
    const results: Record<string, { p50_ms: number; p95_ms: number }> = {};
    for (const query of meetingQueries(seeded)) {
      const { p50, p95 } = await time(db, seeded.tenantId, seeded.ctx, query);
      results[query.name] = { p50_ms: Number(p50.toFixed(2)), p95_ms: Number(p95.toFixed(2)) };
      console.log(
        `${query.name.padEnd(36)} p50 ${p50.toFixed(2).padStart(7)} ms  p95 ${p95.toFixed(2).padStart(7)} ms${p95 >= 100 ? "  (over the 100 ms target)" : ""}`,
      );
    }
    return results;
  } finally {
    await scratch.drop();
  }
}

console.log(
  `# rdlink suggestions benchmark — ${new Date().toISOString()}; ${knobs.runs} runs per query after ${knobs.warmup} warm-up runs`,
);
const loadBefore = loadAverage();
const results: Record<string, unknown> = {};
let failed = false;
for (const driver of drivers) {
  try {
    results[driver] = await benchDriver(driver);
  } catch (error) {
    failed = true;
    console.error(`${driver}:`, error);
  }
}
const loadAfter = loadAverage();
console.log(`\nload average (1, 5, 15 min): ${loadBefore} before, ${loadAfter} after`);
console.log(
  JSON.stringify({
    loadavg: { before: loadBefore, after: loadAfter },
    suggestions: knobs.suggestions,
    units: knobs.units,
    runs: knobs.runs,
    ...results,
  }),
);
process.exit(failed ? 1 : 0);
