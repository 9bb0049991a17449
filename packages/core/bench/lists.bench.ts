import { performance } from "node:perf_hooks";
import { type Database, selectRows, type TenantTx } from "@rdlink/db";
import { flagKnob, intKnob, readKnobs, textKnob } from "@rdlink/env/knobs";
import { sql } from "drizzle-orm";
import { listActivities } from "../src/activities/list-activities";
import { summarizeActivities } from "../src/activities/summarize-activities";
import { systemClock } from "../src/clock";
import { listDeputies } from "../src/deputies/list-deputies";
import { getDeputyRecord } from "../src/deputy-records/get-deputy-record";
import { listDeputyRecords } from "../src/deputy-records/list-deputy-records";
import { listVillageDivisions } from "../src/divisions/divisions";
import { listPairs } from "../src/pairs/list-pairs";
import { getScoreTable } from "../src/scoring/get-score-table";
import type { UseCaseContext } from "../src/shared/context";
import { getStationReview } from "../src/station-reviews/get-station-review";
import { listStations } from "../src/stations/list-stations";
import { onboardCounty } from "../src/tenants/onboard-county";
import { createOperator, memberOf } from "../src/testing/actors";
import { driversOf, loadAverage, openBenchDatabase, timeRuns } from "./scratch";

const knobs = readKnobs({
  adminUrl: textKnob("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
  drivers: textKnob("BENCH_DRIVERS", "postgres,pglite"),
  runs: intKnob("BENCH_RUNS", 50),
  warmup: intKnob("BENCH_WARMUP", 5),
  stations: intKnob("BENCH_STATIONS", 800),
  deputies: intKnob("BENCH_DEPUTIES", 10_000),
  activities: intKnob("BENCH_ACTIVITIES", 50_000),
  /** Keep the PostgreSQL database (its name is printed) to look at plans afterwards. */
  keep: flagKnob("BENCH_KEEP"),
  /** Only the queries whose name contains one of these texts, "|" between them (to profile some). */
  only: textKnob("BENCH_ONLY", ""),
});
const drivers = driversOf(knobs.drivers);

// ---------------------------------------------------------------------------------------
// One county at scale, inserted set-wise by the database itself (generate_series), as the
// app role inside the county's transaction, so RLS checks every row.

const SURNAMES = "'黄','韦','覃','梁','陆','蒙','莫','李','农','卢','蓝','陈','罗','林','周'";
const GIVEN = "'建国','秀英','明华','丽芳','志强','海燕','春梅','永红','桂兰','德才','凤玲','振东','小燕','强','旺'";
const TOPICS =
  "'村道路灯维修','农田灌溉渠修缮','老旧小区加装电梯','学校周边交通安全','生活垃圾收运','农村饮水安全','医保报销','居家养老服务','小区停车难','菜市场环境卫生'";

async function seedCounty(db: Database) {
  const operator = { actor: await createOperator(db, "bench-operator"), ip: null, clock: systemClock };
  let t0 = performance.now();
  const { tenantId, communityCount } = await onboardCounty(db, operator, {
    divisionCode: "450107",
    adminUsername: "bench-admin",
    adminDisplayName: "管理员",
  });
  const onboardMs = performance.now() - t0;
  t0 = performance.now();
  await listVillageDivisions("450107");
  console.log(
    `onboarding 西乡塘区 took ${onboardMs.toFixed(0)} ms, importing its ${communityCount} villages and communities ` +
      `(finding them in villages.csv: ${(performance.now() - t0).toFixed(1)} ms)`,
  );
  t0 = performance.now();
  await db.withTenant(tenantId, async (tx) => {
    const exec = (query: ReturnType<typeof sql>) => tx.execute(query);
    await exec(sql`
      with t as (select id, row_number() over (order by sort_order) - 1 as n, count(*) over () as total
                 from townships where tenant_id = ${tenantId}),
           type as (select id from station_types where tenant_id = ${tenantId} order by sort_order limit 1)
      insert into stations (station_type_id, township_id, code, name, reception_schedule)
      select type.id, t.id, 'B' || lpad(g::text, 5, '0'), '第' || g || '号人大代表联络站', '每月15日'
      from generate_series(0, ${knobs.stations - 1}) g
      join t on t.n = g % t.total cross join type`);
    await exec(sql`
      with t as (select id, row_number() over (order by sort_order) - 1 as n, count(*) over () as total
                 from townships where tenant_id = ${tenantId})
      insert into deputies (name, level, term, township_id, sector, phone)
      select (array[${sql.raw(SURNAMES)}])[1 + g % 15] || (array[${sql.raw(GIVEN)}])[1 + (g / 15) % 15]
               || (array[${sql.raw(GIVEN)}])[1 + (g / 225) % 15],
             (array['county','township','municipal','county','provincial'])[1 + g % 5],
             '第十八届', t.id, (array['农业','教育','医疗卫生','制造业','社区服务'])[1 + g % 5],
             '139' || lpad(g::text, 8, '0')
      from generate_series(0, ${knobs.deputies - 1}) g
      join t on t.n = g % t.total`);
    // Four deputies in each station, of the station's township.
    await exec(sql`
      with s as (select id, township_id, row_number() over (order by code) - 1 as n from stations where tenant_id = ${tenantId}),
           d as (select id, township_id, row_number() over (partition by township_id order by id) - 1 as n,
                        count(*) over (partition by township_id) as total from deputies where tenant_id = ${tenantId})
      insert into deputy_stations (deputy_id, station_id)
      select distinct d.id, s.id from s cross join generate_series(0, 3) k
      join d on d.township_id = s.township_id and d.n = (s.n * 4 + k) % d.total`);
    // Entries spread over the stations and over 2025-01-01 … 2026-10-31, stored in the order a
    // ledger grows (by day), each with one or two deputies.
    await exec(sql`
      with s as (select id, township_id, row_number() over (order by code) - 1 as n, count(*) over () as total
                 from stations where tenant_id = ${tenantId})
      insert into activities (station_id, township_id, kind, day, people_received, disputes_mediated, jobs_arranged, summary)
      select s.id, s.township_id,
             (array['reception','visit','training','study','mediation','legislativeConsultation','postService','other'])[1 + g % 8],
             date '2025-01-01' + (g * 7 + g / 97) % 669,
             5 + g % 30, case when g % 8 = 4 then 1 + g % 3 else 0 end, case when g % 8 = 6 then g % 20 else 0 end,
             '代表接待群众，收集' || (array[${sql.raw(TOPICS)}])[1 + (g / 8) % 10] || '等意见建议' || (1 + g % 9) || '条，现场答复一批，其余交办相关部门。'
      from generate_series(0, ${knobs.activities - 1}) g
      join s on s.n = g % s.total
      order by 4, 1`);
    await exec(sql`
      insert into activity_deputies (activity_id, deputy_id, day, kind, people_received)
      select distinct a.id, ds.deputy_id, a.day, a.kind, a.people_received
      from (select id, station_id, day, kind, people_received, row_number() over (order by id) as n
            from activities where tenant_id = ${tenantId}) a
      join lateral (select deputy_id from deputy_stations
                    where tenant_id = ${tenantId} and station_id = a.station_id
                    order by deputy_id limit 1 + (a.n % 2)::int) ds on true`);
    // 考核: three rules, one with a monthly minimum (decision 0027).
    await exec(sql`
      insert into deputy_scoring_rules (figure, points, cap, monthly_minimum, monthly_deduction, sort_order)
      values ('receptions', 2, 40, 1, 2, 1), ('peopleReceived', 0.5, 30, null, null, 2), ('pairVisits', 3, 18, null, null, 3)`);
    // 双联: three households per deputy, two visits to each spread over 2026 (decision 0028).
    await exec(sql`
      insert into deputy_pairs (deputy_id, township_id, kind, household_name, address)
      select d.id, d.township_id, (array['child','lowIncome','business'])[k], '挂钩户' || k, '金陵村'
      from deputies d cross join generate_series(1, 3) k where d.tenant_id = ${tenantId}`);
    await exec(sql`
      insert into pair_visits (pair_id, deputy_id, visited_on, form, learned)
      select p.id, p.deputy_id, date '2026-01-05' + (p.n * 13 + v * 97) % 300, 'home', '了解家庭近况和就学困难'
      from (select id, deputy_id, row_number() over (order by id)::int as n from deputy_pairs where tenant_id = ${tenantId}) p
      cross join generate_series(1, 2) v`);
    // 示范站评审: every station by 十有 and the 五大功能, every item submitted and scored (decision 0029).
    await exec(sql`
      with standard as (select id, name, items from checklists where tenant_id = ${tenantId} order by name limit 1),
           reviewer as (select id from users where username = 'bench-admin')
      insert into station_reviews (year, title, checklist_id, standard_name, items, reviewer_a_id, reviewer_b_id)
      select 2026, '2026年度示范站评审', standard.id, standard.name,
             (select jsonb_agg(jsonb_build_object('name', item, 'kind', 'standard', 'maxScore', 10))
                from jsonb_array_elements_text(standard.items) item)
             || (select jsonb_agg(jsonb_build_object('name', f, 'kind', 'function', 'maxScore', 10))
                   from unnest(array['宣传站','民意窗','连心桥','监督岗','大课堂']) f),
             reviewer.id, reviewer.id
      from standard, reviewer`);
    await exec(sql`
      insert into station_review_stations (review_id, station_id, township_id)
      select r.id, s.id, s.township_id from station_reviews r cross join stations s
      where r.tenant_id = ${tenantId} and s.tenant_id = ${tenantId}`);
    await exec(sql`
      insert into station_review_items (review_id, station_id, item, met, submitted_at, score_a, score_b)
      select r.id, rs.station_id, i ->> 'name', 'yes', now(),
             abs(hashtext(rs.station_id::text || (i ->> 'name'))) % 11, abs(hashtext((i ->> 'name') || rs.station_id::text)) % 11
      from station_reviews r join station_review_stations rs on rs.tenant_id = r.tenant_id and rs.review_id = r.id
      cross join jsonb_array_elements(r.items) i where r.tenant_id = ${tenantId}`);
  });
  return { tenantId, onboardMs, seedSeconds: (performance.now() - t0) / 1000 };
}

// ---------------------------------------------------------------------------------------
// The queries the pages run, through their use cases.

type Query = {
  name: string;
  run: (tx: TenantTx, ctx: UseCaseContext) => Promise<unknown>;
  /** A page only the county admin opens (the 考核 table). */
  countyOnly?: boolean;
};

function queriesFor(townshipId: string, deputyId: string, reviewId: string): Query[] {
  const deepPage = Math.ceil(knobs.stations / 50);
  return [
    { name: "stations: page 1", run: (tx, ctx) => listStations(tx, ctx, {}) },
    { name: `stations: page ${deepPage}`, run: (tx, ctx) => listStations(tx, ctx, { page: deepPage }) },
    { name: "stations: search “第12”", run: (tx, ctx) => listStations(tx, ctx, { search: "第12" }) },
    {
      name: "deputies: search “黄” + level",
      run: (tx, ctx) => listDeputies(tx, ctx, { search: "黄", level: "county" }),
    },
    { name: "deputies: page 10", run: (tx, ctx) => listDeputies(tx, ctx, { page: 10 }) },
    {
      name: "ledger: page 1, this year",
      run: (tx, ctx) => listActivities(tx, ctx, { from: "2026-01-01", to: "2026-12-31" }),
    },
    {
      name: "ledger: township + 2026 H1",
      run: (tx, ctx) => listActivities(tx, ctx, { townshipId, from: "2026-01-01", to: "2026-06-30" }),
    },
    {
      name: "ledger: 2026, search “路灯”",
      run: (tx, ctx) => listActivities(tx, ctx, { from: "2026-01-01", to: "2026-12-31", search: "路灯" }),
    },
    {
      name: "ledger counts: county, 2026",
      run: (tx, ctx) => summarizeActivities(tx, ctx, { from: "2026-01-01", to: "2026-12-31" }),
    },
    {
      name: "ledger counts: township, 2026",
      run: (tx, ctx) => summarizeActivities(tx, ctx, { townshipId, from: "2026-01-01", to: "2026-12-31" }),
    },
    { name: "履职档案: every deputy, 2026", run: (tx, ctx) => listDeputyRecords(tx, ctx, { year: 2026 }) },
    {
      name: "履职档案: sorted by 接待日, 2026",
      run: (tx, ctx) => listDeputyRecords(tx, ctx, { year: 2026, sort: "receptions" }),
    },
    { name: "履职档案: one deputy, 2026", run: (tx, ctx) => getDeputyRecord(tx, ctx, { deputyId, year: 2026 }) },
    {
      name: "考核: the year's table, 2026",
      run: (tx, ctx) => getScoreTable(tx, ctx, { year: 2026 }),
      countyOnly: true,
    },
    { name: "双联: every pair", run: (tx, ctx) => listPairs(tx, ctx, { months: "3" }) },
    { name: "双联: no visit in 3 months", run: (tx, ctx) => listPairs(tx, ctx, { months: "3", overdue: "1" }) },
    { name: "示范站评审: the review page", run: (tx, ctx) => getStationReview(tx, ctx, reviewId) },
  ];
}

function time(db: Database, tenantId: string, ctx: UseCaseContext, query: Query) {
  return timeRuns(() => db.withTenant(tenantId, (tx) => query.run(tx, ctx)), knobs);
}

type Row = { driver: string; actor: string; query: string; p50: number; p95: number };

async function benchDriver(driver: "postgres" | "pglite") {
  const scratch = await openBenchDatabase(driver, knobs.adminUrl, knobs);
  const { db } = scratch;
  try {
    const { tenantId, onboardMs, seedSeconds } = await seedCounty(db);
    // As the tables' owner: an ANALYZE by the app role skips every table, leaving the planner blind.
    await scratch.analyze();
    console.log(
      `\n## ${driver}: ${knobs.stations} stations, ${knobs.deputies} deputies, ${knobs.activities} ledger entries seeded in ${seedSeconds.toFixed(1)} s`,
    );
    // The township operator of the first township (an 1/15 share of everything).
    const [first] = await db.withTenant(tenantId, (tx) =>
      selectRows<{ id: string }>(
        tx,
        sql`select id from townships where tenant_id = ${tenantId} order by sort_order limit 1`,
      ),
    );
    const townshipId = first!.id;
    const [deputy] = await db.withTenant(tenantId, (tx) =>
      selectRows<{ id: string }>(
        tx,
        sql`select id from deputies where tenant_id = ${tenantId} and township_id = ${townshipId} limit 1`,
      ),
    );
    const actors: [string, UseCaseContext][] = [
      ["county admin", { actor: memberOf(tenantId, "county_admin"), ip: null, clock: systemClock }],
      [
        "township operator",
        { actor: memberOf(tenantId, "township_operator", [townshipId]), ip: null, clock: systemClock },
      ],
    ];
    const rows: Row[] = [];
    const [review] = await db.withTenant(tenantId, (tx) =>
      selectRows<{ id: string }>(tx, sql`select id from station_reviews where tenant_id = ${tenantId}`),
    );
    const queries = queriesFor(townshipId, deputy!.id, review!.id).filter((q) =>
      knobs.only.split("|").some((part) => q.name.includes(part)),
    );
    for (const query of queries) {
      for (const [actor, ctx] of query.countyOnly ? actors.slice(0, 1) : actors) {
        const { p50, p95 } = await time(db, tenantId, ctx, query);
        rows.push({ driver, actor, query: query.name, p50, p95 });
        console.log(
          `${query.name.padEnd(34)} ${actor.padEnd(18)} p50 ${p50.toFixed(2).padStart(7)} ms  p95 ${p95.toFixed(2).padStart(7)} ms`,
        );
      }
    }
    return { rows, onboardMs, seedSeconds };
  } finally {
    await scratch.drop();
  }
}

console.log(
  `# rdlink list benchmark — ${new Date().toISOString()}; ${knobs.runs} runs per query after ${knobs.warmup} warm-up runs`,
);
type DriverResult = { onboard_ms: number; seed_s: number; queries: Record<string, { p50_ms: number; p95_ms: number }> };
const results: Record<string, DriverResult> = {};
const loadBefore = loadAverage();
let failed = false;
for (const driver of drivers) {
  try {
    const { rows, onboardMs, seedSeconds } = await benchDriver(driver);
    results[driver] = {
      onboard_ms: Math.round(onboardMs),
      seed_s: Number(seedSeconds.toFixed(1)),
      queries: Object.fromEntries(
        rows.map((r) => [
          `${r.query} / ${r.actor}`,
          { p50_ms: Number(r.p50.toFixed(2)), p95_ms: Number(r.p95.toFixed(2)) },
        ]),
      ),
    };
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
    stations: knobs.stations,
    deputies: knobs.deputies,
    activities: knobs.activities,
    runs: knobs.runs,
    ...results,
  }),
);
process.exit(failed ? 1 : 0);
