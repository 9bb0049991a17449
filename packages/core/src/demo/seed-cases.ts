import {
  caseTimers,
  type Database,
  handlingUnits,
  memberships,
  stationLiaisons,
  stations,
  tenants,
  users,
  workflows,
  workflowVersions,
} from "@rdlink/db";
import { applyEvent, fireTimer, type Actor as RuntimeActor, startCase } from "@rdlink/workflow";
import { and, asc, desc, eq, isNotNull } from "drizzle-orm";
import type { TCaseCategory } from "../cases/case-categories";
import { DrizzleCaseStore } from "../cases/drizzle-case-store";
import { randomSequence } from "./seed-county-configuration";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** What citizens bring, by category, and the unit the county hands it to. */
const TOPICS: { category: TCaseCategory; unit: string; titles: string[] }[] = [
  { category: "transport", unit: "区交通运输局", titles: ["村道路面破损", "公交站台缺少遮雨棚", "学校门口缺少减速带"] },
  { category: "urbanConstruction", unit: "区城管局", titles: ["路灯不亮", "垃圾清运不及时", "占道经营影响通行"] },
  {
    category: "urbanConstruction",
    unit: "区住建局",
    titles: ["老旧小区加装电梯", "小区雨污管道堵塞", "物业服务收费不透明"],
  },
  { category: "education", unit: "区教育局", titles: ["学位紧张", "校园周边安全隐患"] },
  { category: "health", unit: "区卫健局", titles: ["村卫生室缺医少药", "家庭医生签约服务"] },
  { category: "socialSecurity", unit: "区民政局", titles: ["社区长者饭堂", "独居老人探访"] },
  { category: "socialSecurity", unit: "区人社局", titles: ["农民工工资拖欠", "灵活就业参保"] },
  { category: "agriculture", unit: "区农业农村局", titles: ["农田灌溉水渠失修", "甘蔗收购价格"] },
  { category: "environment", unit: "区生态环境局", titles: ["夜间施工噪声扰民", "河道漂浮垃圾"] },
  { category: "agriculture", unit: "区水利局", titles: ["农村饮水水压不足", "汛期内涝"] },
];
type Topic = (typeof TOPICS)[number];
type StationRow = { id: string; townshipId: string };
/** Who acts, the event, and its step form's data. */
type DeskStep = [actor: string, event: string, data?: Record<string, unknown>];
const CHANNELS = ["reception", "reception", "qr", "qr", "visit", "phone", "deputy", "letter"] as const;
// The tracking code alphabet (no 0/O, 1/I/L), see cases/tracking-code.ts.
const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

export const DEMO_CASE_COUNT = 120;

/**
 * About 120 群众意见建议 over the last six months at the demo county's stations, driven
 * through the workflow runtime with `now` at past instants: the recent ones still
 * registered, under review or with a handling unit; some past their deadline (the
 * runtime's own timers fired at their due time: 催办, then 逾期督办), a few of those
 * answered late; most answered and rated, mostly 满意 or 基本满意, some 不满意 and redone.
 * Deterministic for a given day: the same plan every time.
 */
export async function seedDemoCases(db: Database, tenantId: string, today: Date) {
  await db.withTenant(tenantId, async (tx) => {
    const [tenant] = await tx.select({ code: tenants.divisionCode }).from(tenants).where(eq(tenants.id, tenantId));
    const [version] = await tx
      .select({ id: workflowVersions.id })
      .from(workflowVersions)
      .innerJoin(
        workflows,
        and(eq(workflows.tenantId, workflowVersions.tenantId), eq(workflows.id, workflowVersions.workflowId)),
      )
      .where(and(eq(workflowVersions.tenantId, tenantId), eq(workflows.key, "citizenOpinion")))
      .orderBy(desc(workflowVersions.version))
      .limit(1);
    if (!version) return;
    const stationRows = await tx
      .select({ id: stations.id, townshipId: stations.townshipId })
      .from(stations)
      .where(eq(stations.tenantId, tenantId))
      .orderBy(asc(stations.createdAt), asc(stations.name));
    const units = new Map(
      (
        await tx
          .select({ id: handlingUnits.id, name: handlingUnits.name })
          .from(handlingUnits)
          .where(eq(handlingUnits.tenantId, tenantId))
      ).map((u) => [u.name, u.id]),
    );
    const userOf = async (role: "county_admin" | "station_liaison" | "handling_unit_responder" | "deputy") => {
      const [row] = await tx
        .select({ id: users.id })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.tenantId, tenantId), eq(memberships.role, role), isNotNull(users.passwordHash)))
        .orderBy(asc(users.createdAt))
        .limit(1);
      return row?.id ?? null;
    };
    const actors: Record<string, RuntimeActor> = {
      liaison: { userId: await userOf("station_liaison"), roles: ["station_liaison"] },
      admin: { userId: await userOf("county_admin"), roles: ["county_admin"] },
      responder: { userId: await userOf("handling_unit_responder"), roles: ["handling_unit_responder"] },
      deputy: { userId: await userOf("deputy"), roles: ["deputy"] },
      citizen: { userId: null, roles: ["citizen"] },
    };
    if (stationRows.length === 0) return;

    const next = randomSequence(20261129);
    const now = today.getTime();
    const codes = new Set<string>();

    /** Opens one opinion at `openedAt`; its steps follow one another, each `hours` after the last. */
    const openDemoCase = async (station: StationRow, topic: Topic, title: string, openedAt: number, index: number) => {
      let at = openedAt;
      let code: string;
      do {
        code = Array.from({ length: 8 }, () => CODE_ALPHABET[next(0, CODE_ALPHABET.length - 1)]).join("");
      } while (codes.has(code));
      codes.add(code);
      const store = new DrizzleCaseStore(tx, {
        townshipId: station.townshipId,
        stationId: station.id,
        channel: CHANNELS[next(0, CHANNELS.length - 1)],
        category: topic.category,
        title,
        trackingCode: `${tenant!.code}-${code}`,
        submitterPhone: next(0, 2) > 0 ? `1397710${String(3000 + index).padStart(4, "0")}` : null,
      });
      const caseId = crypto.randomUUID();
      let seq = (
        await startCase(store, {
          caseId,
          versionId: version.id,
          data: { content: `群众反映：${title}，希望有关部门尽快解决。` },
          actor: actors.liaison!,
          now: new Date(at),
        })
      ).seq;
      return {
        /** One step `hours` after the last, unless that is still ahead: then the case waits there. */
        step: async (hours: number, actor: string, type: string, data: Record<string, unknown> = {}) => {
          const when = at + hours * HOUR;
          if (when > now) return false;
          at = when;
          seq = (
            await applyEvent(
              store,
              caseId,
              { type, data },
              { expectedSeq: seq, actor: actors[actor]!, now: new Date(at) },
            )
          ).seq;
          return true;
        },
        /** Fires the handling deadline's timers (催办, then 逾期督办) at their due times. */
        overrun: async () => {
          const timers = await tx
            .select({ id: caseTimers.id, dueAt: caseTimers.dueAt })
            .from(caseTimers)
            .where(and(eq(caseTimers.tenantId, tenantId), eq(caseTimers.caseId, caseId)))
            .orderBy(asc(caseTimers.dueAt));
          let fired = false;
          for (const timer of timers) {
            if (timer.dueAt.getTime() > now) break;
            const outcome = await fireTimer(store, timer.id, timer.dueAt);
            if (outcome.fired && outcome.result) {
              seq = outcome.result.seq;
              at = timer.dueAt.getTime();
              fired = true;
            }
          }
          return fired;
        },
      };
    };

    // The newest opinions wait on the demo accounts' desks (待我办理), so that everyone who
    // signs in to the demo finds work: at the demo liaison officer's station, where the demo
    // deputy serves, in the demo township; the handling unit's desk fills by itself.
    const liaisonUserId = actors.liaison!.userId;
    const [liaisonStation] = liaisonUserId
      ? await tx
          .select({ id: stations.id, townshipId: stations.townshipId })
          .from(stations)
          .innerJoin(
            stationLiaisons,
            and(eq(stationLiaisons.tenantId, stations.tenantId), eq(stationLiaisons.stationId, stations.id)),
          )
          .where(and(eq(stations.tenantId, tenantId), eq(stationLiaisons.userId, liaisonUserId)))
          .orderBy(asc(stations.createdAt))
          .limit(1)
      : [];
    const review = (summary: string): DeskStep => ["liaison", "SUBMIT_REVIEW", { summary }];
    const handOver: DeskStep = ["liaison", "HAND_OVER", { issueScope: "individual" }];
    const deskCases: { title: string; steps: DeskStep[] }[] = [
      // Waits for the liaison officer to register it.
      { title: "路灯不亮", steps: [] },
      // Waits for the township to assign a handling unit.
      { title: "小区雨污管道堵塞", steps: [review("雨污管道堵塞，需交办"), handOver] },
      // Waits for the deputies' group at the station.
      {
        title: "学校门口缺少减速带",
        steps: [review("多所学校反映同类问题"), ["liaison", "ESCALATE", { issueScope: "common" }]],
      },
      // Returned by the unit: waits for the county's ruling.
      {
        title: "老旧小区加装电梯",
        steps: [
          review("加装电梯意见"),
          handOver,
          ["admin", "ASSIGN", { handlingUnit: units.get("区住建局") }],
          ["responder", "RETURN", { returnReason: "加装电梯补助属区财政局职能，请改派" }],
        ],
      },
    ];

    const randomCases = DEMO_CASE_COUNT - deskCases.length;
    for (let index = 0; index < randomCases; index++) {
      // Spread over ~180 days, a little denser lately; office hours in Asia/Shanghai (UTC+8).
      const daysAgo = Math.floor(180 * (1 - Math.sqrt((index + next(0, 99) / 100) / randomCases)));
      const dayStart = Math.floor((now + 8 * HOUR) / DAY) * DAY - 8 * HOUR - daysAgo * DAY;
      let at = dayStart + (9 + next(0, 7)) * HOUR + next(0, 59) * 60_000;
      if (at > now - HOUR) at = now - HOUR - next(1, 120) * 60_000;
      const station = stationRows[(index * 7 + next(0, 2)) % stationRows.length]!;
      const topic = TOPICS[next(0, TOPICS.length - 1)]!;
      const title = topic.titles[next(0, topic.titles.length - 1)]!;
      const { step, overrun } = await openDemoCase(station, topic, title, at, index);

      if (!(await step(next(2, 30), "liaison", "SUBMIT_REVIEW", { summary: title }))) continue;
      const path = next(0, 99);
      if (path < 8) {
        // An individual question the station answers on the spot (a policy explained).
        const data = { issueScope: "individual", reviewNote: "属政策咨询，已当场解释答复" };
        if (!(await step(next(4, 30), "liaison", "ANSWER_DIRECTLY", data))) continue;
      } else {
        if (path < 16) {
          // A common problem: the deputies' group makes it a suggestion.
          if (!(await step(next(4, 30), "liaison", "ESCALATE", { issueScope: "common" }))) continue;
          const data = { groupConclusion: "多个村（社区）反映同类问题，形成代表建议" };
          if (!(await step(next(48, 120), "deputy", "FORM_SUGGESTION", data))) continue;
        } else if (!(await step(next(4, 30), "liaison", "HAND_OVER", { issueScope: "individual" }))) continue;
        const unit = units.get(topic.unit) ?? [...units.values()][0];
        if (!(await step(next(4, 40), "admin", "ASSIGN", { handlingUnit: unit }))) continue;
        if (!(await step(next(2, 20), "responder", "ACCEPT"))) continue;
        const late = next(0, 99) < 20;
        const reply = { replyContent: `关于“${title}”，我单位已现场核实并落实整改。` };
        if (late) {
          // Past the deadline: 催办 at 80 %, 逾期督办 at 100 %; a third of them still unanswered.
          if (!(await overrun()) || next(0, 2) === 0) continue;
          if (!(await step(next(24, 120), "responder", "REPLY", reply))) continue;
        } else if (!(await step(next(48, 240), "responder", "REPLY", reply))) continue;
      }
      const roll = next(0, 99);
      const satisfaction = roll < 62 ? "satisfied" : roll < 88 ? "basic" : "unsatisfied";
      if (!(await step(next(6, 60), "citizen", "RATE", { satisfaction }))) continue;
      if (satisfaction === "unsatisfied" && path >= 8) {
        // Redone after the citizen's 不满意, then rated again.
        const again = { replyContent: `重新办理：关于“${title}”，已再次协调解决。` };
        if (!(await step(next(72, 200), "responder", "REPLY", again))) continue;
        const second = next(0, 2);
        if (second > 0) {
          await step(next(6, 48), "citizen", "RATE", { satisfaction: second === 1 ? "basic" : "satisfied" });
          continue;
        }
        // Still 不满意: redone once more, then closed 不满意 after two redos.
        if (!(await step(next(6, 48), "citizen", "RATE", { satisfaction: "unsatisfied" }))) continue;
        if (!(await step(next(72, 200), "responder", "REPLY", again))) continue;
        await step(next(6, 48), "citizen", "RATE", { satisfaction: "unsatisfied" });
      }
    }

    for (const [k, { title, steps }] of deskCases.entries()) {
      const topic = TOPICS.find((t) => t.titles.includes(title))!;
      const openedAt = now - (deskCases.length - k) * 3 * HOUR;
      const { step } = await openDemoCase(liaisonStation ?? stationRows[0]!, topic, title, openedAt, randomCases + k);
      for (const [actor, type, data] of steps) await step(0.25, actor, type, data);
    }
  });
}
