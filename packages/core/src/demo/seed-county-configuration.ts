import type { Actor } from "@rdlink/auth";
import {
  type Database,
  deputies,
  deputyStations,
  dutyPosts,
  memberships,
  membershipTownships,
  stations,
  type TActivityKind,
  type TenantTx,
  townships,
  users,
} from "@rdlink/db";
import { addDays, localDateOf } from "@rdlink/workflow/calendar/working-time";
import { and, asc, eq } from "drizzle-orm";
import { recordActivity } from "../activities/record-activity";
import type { Clock } from "../clock";
import { listCommunities } from "../communities/list-communities";
import { createGrid } from "../grids/create-grid";
import { setGridDeputies } from "../grids/set-grid-deputies";
import { addHandlingUnitContact } from "../handling-units/add-handling-unit-contact";
import { createHandlingUnit } from "../handling-units/create-handling-unit";

const request = { ip: "127.0.0.1" };

/** A Nanning district's departments that handle suggestions, with the people to call. */
const HANDLING_UNITS: { name: string; duties: string; contacts: [string, string, string][] }[] = [
  {
    name: "区住建局",
    duties: "城乡建设、住房保障、物业管理、老旧小区改造",
    contacts: [
      ["李明", "办公室主任", "13977110201"],
      ["黄丽", "建议提案办理联络员", "0771-3210201"],
    ],
  },
  {
    name: "区教育局",
    duties: "中小学和幼儿园、学位、校园周边安全",
    contacts: [["覃海燕", "办公室主任", "13977110202"]],
  },
  {
    name: "区卫健局",
    duties: "医疗卫生、公共卫生、家庭医生签约",
    contacts: [
      ["陆志强", "办公室副主任", "13977110203"],
      ["蒙秀英", "联络员", "0771-3210203"],
    ],
  },
  {
    name: "区民政局",
    duties: "养老服务、社会救助、低保、殡葬管理",
    contacts: [["梁春梅", "社会救助股股长", "13977110204"]],
  },
  {
    name: "区人社局",
    duties: "就业创业、社会保险、劳动保障监察、欠薪",
    contacts: [["莫德才", "就业股股长", "13977110205"]],
  },
  {
    name: "区农业农村局",
    duties: "乡村振兴、农田水利、种业、农村人居环境",
    contacts: [
      ["韦永红", "办公室主任", "13977110206"],
      ["卢桂兰", "联络员", "0771-3210206"],
    ],
  },
  {
    name: "区城管局",
    duties: "市容环境、垃圾收运、占道经营、违法建设",
    contacts: [["蓝建国", "办公室主任", "13977110207"]],
  },
  {
    name: "区市场监管局",
    duties: "食品药品安全、消费维权、价格监督",
    contacts: [["陈凤玲", "消费者权益保护股", "13977110208"]],
  },
  {
    name: "区生态环境局",
    duties: "大气和水污染防治、噪声投诉、环评",
    contacts: [["罗海华", "办公室主任", "13977110209"]],
  },
  { name: "区交通运输局", duties: "农村公路、公交线路、客运站点", contacts: [["周明华", "公路股股长", "13977110210"]] },
  { name: "区水利局", duties: "防汛抗旱、农村饮水安全、河湖管理", contacts: [["林志华", "办公室主任", "13977110211"]] },
  {
    name: "公安西乡塘分局",
    duties: "治安、交通秩序、户籍、反电信诈骗",
    contacts: [["黄德才", "警务联络员", "13977110212"]],
  },
];

/** The demo county's handling units with their contacts; returns unit ids by name. */
export async function seedHandlingUnits(db: Database, tenantId: string, admin: Actor, clock: Clock) {
  const ctx = { actor: admin, ...request, clock };
  return db.withTenant(tenantId, async (tx) => {
    const ids = new Map<string, string>();
    for (const unit of HANDLING_UNITS) {
      const { id } = await createHandlingUnit(tx, ctx, { name: unit.name, duties: unit.duties });
      for (const [name, title, phone] of unit.contacts) {
        await addHandlingUnitContact(tx, ctx, id, { name, title, phone });
      }
      ids.set(unit.name, id);
    }
    return ids;
  });
}

/** A few grids in the first townships' communities, each covered by one or two of the township's deputies. */
export async function seedGrids(db: Database, tenantId: string, admin: Actor, clock: Clock) {
  const ctx = { actor: admin, ...request, clock };
  await db.withTenant(tenantId, async (tx) => {
    const townshipRows = await tx
      .select({ id: townships.id })
      .from(townships)
      .where(eq(townships.tenantId, tenantId))
      .orderBy(asc(townships.sortOrder));
    for (const township of [...townshipRows.slice(0, 3), ...townshipRows.slice(10, 12)]) {
      const [deputyRows, communityRows] = await Promise.all([
        tx
          .select({ id: deputies.id })
          .from(deputies)
          .where(and(eq(deputies.tenantId, tenantId), eq(deputies.townshipId, township.id)))
          .orderBy(asc(deputies.name)),
        listCommunities(tx, ctx, { townshipId: township.id }),
      ]);
      for (const [c, community] of communityRows.slice(0, 2).entries()) {
        for (const n of [1, 2]) {
          const grid = await createGrid(tx, ctx, { communityId: community.id, name: `第${"一二"[n - 1]}网格` });
          const covering = deputyRows.slice((c * 2 + n - 1) % Math.max(deputyRows.length, 1)).slice(0, 2);
          await setGridDeputies(
            tx,
            ctx,
            grid.id,
            covering.map((d) => d.id),
          );
        }
      }
    }
  });
}

const TOPICS = [
  "村道路灯维修",
  "农田灌溉渠修缮",
  "老旧小区加装电梯",
  "学校周边交通安全",
  "生活垃圾收运",
  "农村饮水安全",
  "医保报销",
  "居家养老服务",
  "小区停车难",
  "菜市场环境卫生",
];
const DISPUTES = ["邻里宅基地", "土地承包", "物业服务", "劳务工资", "婚姻家庭", "相邻通行"];

/** Deterministic numbers (mulberry32), so every fresh demo shows the same ledger. */
export function randomSequence(seed: number) {
  let state = seed;
  return (min: number, max: number) => {
    state = (state + 0x6d2b79f5) | 0;
    let x = Math.imul(state ^ (state >>> 15), state | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    const unit = ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
    return min + Math.floor(unit * (max - min + 1));
  };
}

type Entry = {
  kind: TActivityKind;
  day: string;
  people: number;
  disputes?: number;
  jobs?: number;
  deputies: number;
  summary: string;
  post?: string;
};

/**
 * A station's month (30 days from `firstDay`): its reception day on the 15th, visits, and now and
 * then a mediation, post service or study.
 */
function monthOfStation(index: number, firstDay: string, next: (min: number, max: number) => number): Entry[] {
  const topic = () => TOPICS[next(0, TOPICS.length - 1)]!;
  const day = (d: number) => addDays(firstDay, d - 1);
  const received = next(8, 30);
  const entries: Entry[] = [
    {
      kind: "reception",
      day: day(15),
      people: received,
      deputies: next(2, 3),
      summary: `代表接待日：接待群众${received}人次，收集${topic()}、${topic()}等意见建议${next(3, 9)}条，现场答复${next(1, 3)}条，其余登记后交办相关部门。`,
    },
    {
      kind: "visit",
      day: day(next(3, 12)),
      people: next(4, 12),
      deputies: next(1, 2),
      summary: `代表进村入户走访脱贫户、困难群众，了解${topic()}情况，协调解决实际问题${next(1, 4)}件。`,
    },
  ];
  if (next(0, 1) === 1) {
    const disputes = next(1, 3);
    entries.push({
      kind: "mediation",
      day: day(next(18, 26)),
      people: disputes * 2 + next(0, 3),
      disputes,
      deputies: 1,
      summary: `联合司法所、派出所调解${DISPUTES[next(0, DISPUTES.length - 1)]}纠纷${disputes}起，当事双方达成调解协议，矛盾化解在基层。`,
    });
  }
  if (index % 3 === 0) {
    const jobs = next(3, 20);
    entries.push({
      kind: "postService",
      day: day(next(5, 25)),
      people: jobs + next(10, 40),
      jobs,
      deputies: 1,
      post: "就业帮扶岗",
      summary: `就业帮扶岗代表联合人社部门举办“家门口”招聘会，${next(5, 15)}家企业提供岗位${next(60, 200)}个，现场达成就业意向${jobs}人。`,
    });
  }
  if (index % 4 === 1) {
    entries.push({
      kind: next(0, 2) === 0 ? "training" : "study",
      day: day(next(6, 10)),
      people: 0,
      deputies: next(3, 4),
      summary: "组织进站代表集中学习代表法和地方组织法，交流如何撰写高质量建议，提升履职能力。",
    });
  }
  if (index % 10 === 2 && next(0, 1) === 1) {
    entries.push({
      kind: "legislativeConsultation",
      day: day(next(20, 28)),
      people: next(12, 30),
      deputies: 2,
      summary: `就《南宁市物业管理条例（修订草案）》召开立法意见征询座谈会，收集意见建议${next(5, 16)}条，整理后报送市人大常委会。`,
    });
  }
  return entries;
}

/**
 * Four months of the demo stations' ledger: four 30-day months ending yesterday, so the same
 * entries (and counts) on whatever day the demo is seeded. Recorded through the ledger's use case as the liaison officer of
 * 金陵镇 and the county admin elsewhere would record it; no photos.
 */
export async function seedLedger(db: Database, tenantId: string, admin: Actor, liaisonUsername: string, clock: Clock) {
  const yesterday = addDays(localDateOf(clock.now()), -1);
  const months = [4, 3, 2, 1].map((back) => addDays(yesterday, 1 - back * 30));
  await db.withTenant(tenantId, async (tx) => {
    const stationRows = await tx
      .select({ id: stations.id, townshipId: stations.townshipId })
      .from(stations)
      .where(eq(stations.tenantId, tenantId))
      .orderBy(asc(stations.createdAt));
    const [jobsPost] = await tx
      .select({ id: dutyPosts.id })
      .from(dutyPosts)
      .where(and(eq(dutyPosts.tenantId, tenantId), eq(dutyPosts.name, "就业帮扶岗")));
    const stationed = await tx
      .select({ stationId: deputyStations.stationId, deputyId: deputyStations.deputyId })
      .from(deputyStations)
      .where(eq(deputyStations.tenantId, tenantId));
    const liaison = await liaisonActor(tx, liaisonUsername);
    const liaisonTownships = liaison?.memberships[0]?.townshipIds ?? [];
    const next = randomSequence(20260801);
    for (const [index, station] of stationRows.entries()) {
      const deputies = stationed.filter((s) => s.stationId === station.id).map((s) => s.deputyId);
      const ctx = {
        actor: liaison && liaisonTownships.includes(station.townshipId) ? liaison : admin,
        ...request,
        clock,
      };
      for (const month of months) {
        for (const entry of monthOfStation(index, month, next)) {
          await recordActivity(tx, ctx, {
            stationId: station.id,
            kind: entry.kind,
            day: entry.day,
            deputyIds: deputies.slice(0, entry.deputies),
            peopleReceived: entry.people,
            disputesMediated: entry.disputes ?? 0,
            jobsArranged: entry.jobs ?? 0,
            postId: entry.post ? jobsPost?.id : undefined,
            summary: entry.summary,
          });
        }
      }
    }
  });
}

/** The demo liaison officer as their sign-in would make them: a station liaison of their townships. */
async function liaisonActor(tx: TenantTx, username: string): Promise<Actor | null> {
  const rows = await tx
    .select({ userId: users.id, displayName: users.displayName, townshipId: membershipTownships.townshipId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(
      membershipTownships,
      and(eq(membershipTownships.tenantId, memberships.tenantId), eq(membershipTownships.membershipId, memberships.id)),
    )
    .where(
      and(eq(memberships.tenantId, tx.tenantId), eq(memberships.role, "station_liaison"), eq(users.username, username)),
    );
  const [first] = rows;
  if (!first) return null;
  return {
    userId: first.userId,
    username,
    displayName: first.displayName,
    platformRole: null,
    tenantId: tx.tenantId,
    memberships: [{ role: "station_liaison", townshipIds: rows.map((r) => r.townshipId) }],
  };
}
