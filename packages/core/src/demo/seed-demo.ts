import type { Actor } from "@rdlink/auth";
import { hashPassword } from "@rdlink/auth";
import {
  checklists,
  type Database,
  deputies,
  dutyPosts,
  postClaims,
  stations,
  stationTypes,
  type TenantTx,
  type TRole,
  townships,
  users,
} from "@rdlink/db";
import { and, eq, isNotNull } from "drizzle-orm";
import { acceptInvitation } from "../auth/accept-invitation";
import { type Clock, ManualClock } from "../clock";
import type { UseCaseContext } from "../shared/context";
import { setStationTypeFields } from "../station-types/set-station-type-fields";
import { assignDeputy } from "../stations/assign-deputy";
import { createStation } from "../stations/create-station";
import { recordChecklistItem } from "../stations/record-checklist-item";
import { createRevisitCampaign } from "../suggestions/create-revisit-campaign";
import { createSession } from "../suggestions/create-session";
import { onboardCounty } from "../tenants/onboard-county";
import { inviteUser } from "../users/invite-user";
import { seedDemoCases } from "./seed-cases";
import { seedGrids, seedHandlingUnits, seedLedger } from "./seed-county-configuration";

export const DEMO_PASSWORD = "rdlink-demo-2026";
export const DEMO_COUNTY_CODE = "450107"; // 广西壮族自治区南宁市西乡塘区

export type DemoSignIn = { username: string; role: TRole | "platform_operator"; displayName: string };

const DEMO_USERS: { username: string; displayName: string; role: TRole; township?: string; unit?: string }[] = [
  { username: "xxt-admin", displayName: "西乡塘区人大常委会管理员", role: "county_admin" },
  { username: "xxt-jinling", displayName: "金陵镇人大主席团", role: "township_operator", township: "金陵镇" },
  { username: "xxt-liaison", displayName: "联络员 黄小梅", role: "station_liaison", township: "金陵镇" },
  { username: "xxt-deputy", displayName: "代表 韦建国", role: "deputy" },
  { username: "xxt-responder", displayName: "区住建局 承办人", role: "handling_unit_responder", unit: "区住建局" },
];

const request = { ip: "127.0.0.1", userAgent: "seed" };

/** 第十七届人民代表大会第五次会议: the demo county's session. */
const DEMO_SESSION = { term: 17, meeting: 5, opensOn: "2026-01-08", closesOn: "2026-01-11" };

/**
 * On an empty database: a platform operator and the demo county 西乡塘区 with one user
 * per role, made through the same use cases a person would go through (onboarding,
 * invitations, accepting them). Does nothing when the platform already has an operator.
 */
export async function seedDemo(db: Database, source: Clock): Promise<DemoSignIn[] | null> {
  // The whole demo is laid out from one instant, so it is the same however long seeding takes.
  const clock = new ManualClock(source.now());
  const existing = await db.withoutTenant((tx) =>
    tx.select({ id: users.id }).from(users).where(isNotNull(users.platformRole)).limit(1),
  );
  if (existing.length > 0) return null;

  const operatorUser = await db.withoutTenant(async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({
        username: "operator",
        displayName: "平台运营",
        platformRole: "operator",
        passwordHash: await hashPassword(DEMO_PASSWORD),
      })
      .returning();
    return row!;
  });
  const operator: Actor = {
    userId: operatorUser.id,
    username: operatorUser.username,
    displayName: operatorUser.displayName,
    platformRole: "operator",
    tenantId: null,
    memberships: [],
  };
  const onboarded = await onboardCounty(
    db,
    { actor: operator, ip: request.ip, clock },
    {
      divisionCode: DEMO_COUNTY_CODE,
      adminUsername: DEMO_USERS[0]!.username,
      adminDisplayName: DEMO_USERS[0]!.displayName,
    },
  );
  const password = { password: DEMO_PASSWORD, confirmPassword: DEMO_PASSWORD };
  await acceptInvitation(db, onboarded.invitationToken, password, request, clock.now());

  const admin: Actor = {
    userId: await db.withoutTenant(async (tx) => {
      const [row] = await tx.select({ id: users.id }).from(users).where(eq(users.username, DEMO_USERS[0]!.username));
      return row!.id;
    }),
    username: DEMO_USERS[0]!.username,
    displayName: DEMO_USERS[0]!.displayName,
    platformRole: null,
    tenantId: onboarded.tenantId,
    memberships: [{ role: "county_admin", townshipIds: [] }],
  };
  const units = await seedHandlingUnits(db, onboarded.tenantId, admin, clock);
  for (const person of DEMO_USERS.slice(1)) {
    const { invitationToken } = await db.withTenant(onboarded.tenantId, async (tx) => {
      const scope = person.township
        ? await tx
            .select({ id: townships.id })
            .from(townships)
            .where(and(eq(townships.tenantId, tx.tenantId), eq(townships.name, person.township)))
        : [];
      const handlingUnitId = person.unit ? units.get(person.unit) : undefined;
      return inviteUser(
        tx,
        { actor: admin, ip: request.ip, clock },
        { ...person, townshipIds: scope.map((t) => t.id), handlingUnitId },
      );
    });
    await acceptInvitation(db, invitationToken, password, request, clock.now());
  }
  await seedStationsAndDeputies(db, onboarded.tenantId, admin, clock);
  await seedGrids(db, onboarded.tenantId, admin, clock);
  await seedLedger(db, onboarded.tenantId, admin, "xxt-liaison", clock);
  await seedDemoCases(db, onboarded.tenantId, clock.now());
  // The county's last congress session, to enter suggestions into (none yet: the cases above are the demo's figures).
  await db.withTenant(onboarded.tenantId, (tx) => createSession(tx, { actor: admin, ...request, clock }, DEMO_SESSION));
  await seedContactPoint(db, onboarded.tenantId, admin, clock);
  // Last year's 回头看, with nothing selected yet (no suggestion is answered in the demo).
  await db.withTenant(onboarded.tenantId, (tx) =>
    createRevisitCampaign(tx, { actor: admin, ...request, clock }, { name: "代表建议办理回头看", year: 2026 }),
  );
  return [
    { username: "operator", role: "platform_operator", displayName: operator.displayName },
    ...DEMO_USERS.map(({ username, role, displayName }) => ({ username, role, displayName })),
  ];
}

/**
 * 金陵镇's 基层立法联系点, kept by xxt-liaison, where drafts are put out for comments. Added last,
 * with no ledger or standards of its own, so that the demo's other figures stay as they were.
 */
async function seedContactPoint(db: Database, tenantId: string, admin: Actor, clock: Clock) {
  await db.withTenant(tenantId, async (tx) => {
    const [type] = await tx
      .select({ id: stationTypes.id })
      .from(stationTypes)
      .where(and(eq(stationTypes.tenantId, tenantId), eq(stationTypes.name, "基层立法联系点")));
    const [jinling] = await tx
      .select({ id: townships.id })
      .from(townships)
      .where(and(eq(townships.tenantId, tenantId), eq(townships.name, "金陵镇")));
    const [liaison] = await tx.select({ id: users.id }).from(users).where(eq(users.username, "xxt-liaison"));
    await createStation(
      tx,
      { actor: admin, ip: request.ip, clock },
      {
        stationTypeId: type!.id,
        townshipId: jinling!.id,
        name: "金陵镇基层立法联系点",
        address: "金陵镇人民政府二楼",
        liaisonUserIds: [liaison!.id],
        partners: [],
        customValues: {},
      },
    );
  });
}

const SURNAMES = "黄韦覃梁陆蒙莫李农卢蓝陈罗林周";
const GIVEN = "建国秀英明华丽芳志强海燕春梅永红桂兰德才凤玲";

/** 150 different names, 韦建国 (the demo deputy) first. */
function uniqueNames(count: number): string[] {
  const names = new Set(["韦建国"]);
  for (let i = 1; names.size < count; i++) {
    const surname = SURNAMES[(i * 7 + Math.floor(i / 15)) % SURNAMES.length];
    names.add(`${surname}${GIVEN[(i * 7) % GIVEN.length]}${GIVEN[(i * 3 + 1) % GIVEN.length]}`);
  }
  return [...names];
}

/** What the demo county records about each liaison station. */
const LIAISON_STATION_FIELDS = [
  { key: "builtOn", label: { "zh-CN": "建站时间", en: "Opened" }, type: "date" },
  { key: "population", label: { "zh-CN": "服务人口（人）", en: "People served" }, type: "number", min: 0 },
  {
    key: "venue",
    label: { "zh-CN": "场所性质", en: "Venue" },
    type: "select",
    options: [
      { value: "own", label: { "zh-CN": "独立场所", en: "Its own" } },
      { value: "shared", label: { "zh-CN": "共用场所", en: "Shared" } },
    ],
  },
];

/** What a deputy in each of the ten posts says they will do, for the seeded claims. */
const POST_STATEMENTS: Record<string, string> = {
  创业带富岗: "带动村民发展种养产业，每季度组织一次技术培训",
  生态文明岗: "每月参加一次人居环境整治，宣传垃圾分类",
  治安防范岗: "参与平安建设巡查，收集治安隐患线索",
  政策宣传岗: "在接待日宣讲惠民政策，解答群众疑问",
  公益服务岗: "组织志愿者开展敬老助残服务",
  就业帮扶岗: "收集企业用工信息，帮助群众对接就业岗位",
  法律服务岗: "每月接待日提供法律咨询，参与矛盾纠纷调解",
  环卫服务岗: "监督街巷环境卫生，推动垃圾分类入户",
  关爱成长岗: "结对帮扶留守儿童，开展假期课堂",
  康乐生活岗: "组织老年文体活动，关心独居老人生活",
};

const CHECKLIST_NOTES: Record<string, string> = {
  有场所: "独立接待室约 60 平方米，悬挂统一标识",
  有人员: "联络员 1 名，进站代表轮流值班",
  有制度: "接待、学习、履职登记等制度上墙",
  有活动: "每月 15 日固定接待日，年度活动计划已制定",
  有经费: "纳入镇（街道）年度预算",
  有设备: "配备电脑、打印机和档案柜",
  有宣传阵地: "设置代表公示栏和意见箱",
  有学习资料: "订阅《人民代表报》，配备法律法规汇编",
  有工作台账: "接待登记、意见办理台账齐全",
  有档案: "履职档案按年度归档",
};

/**
 * The demo county's stations (two per township, up to 20, each with its township's liaison
 * officer, a head, a map point and a record against its standard) and ~150 deputies, some
 * of them stationed and holding duty posts; 韦建国 is the demo deputy's own record.
 */
async function seedStationsAndDeputies(db: Database, tenantId: string, admin: Actor, clock: Clock) {
  const ctx = { actor: admin, ip: request.ip, clock };
  await db.withTenant(tenantId, async (tx) => {
    const townshipRows = await tx
      .select()
      .from(townships)
      .where(eq(townships.tenantId, tenantId))
      .orderBy(townships.sortOrder);
    const types = await tx.select().from(stationTypes).where(eq(stationTypes.tenantId, tenantId));
    const typeNamed = (name: string) => types.find((type) => type.name === name)!;
    const [liaison] = await tx.select({ id: users.id }).from(users).where(eq(users.username, "xxt-liaison"));
    const [deputyUser] = await tx.select({ id: users.id }).from(users).where(eq(users.username, "xxt-deputy"));
    const jinling = townshipRows.find((t) => t.name === "金陵镇")!;
    const posts = await tx
      .select()
      .from(dutyPosts)
      .where(eq(dutyPosts.tenantId, tenantId))
      .orderBy(dutyPosts.sortOrder);
    await setStationTypeFields(tx, ctx, {
      stationTypeId: typeNamed("人大代表联络站").id,
      customFields: LIAISON_STATION_FIELDS,
    });

    const names = uniqueNames(150);
    const people = Array.from({ length: 150 }, (_, i) => ({
      name: names[i]!,
      level: (["county", "township", "municipal", "county", "provincial"] as const)[(i * 3 + Math.floor(i / 15)) % 5]!,
      term: "第十八届",
      townshipId: i === 0 ? jinling.id : townshipRows[i % townshipRows.length]!.id,
      sector: ["农业", "教育", "医疗卫生", "制造业", "社区服务"][(i * 2 + Math.floor(i / 15)) % 5]!,
      tags: i % 3 === 0 ? ["乡村振兴"] : [],
      phone: `139${String(7710000 + i).padStart(8, "0")}`,
      gender: i % 2 === 0 ? ("male" as const) : ("female" as const),
      userId: i === 0 ? deputyUser!.id : null,
    }));
    const deputyRows = await tx
      .insert(deputies)
      .values(people)
      .returning({ id: deputies.id, name: deputies.name, townshipId: deputies.townshipId });

    // A liaison station in every town and street; 议事亭 in the three towns, 代表之家 in four streets: 20 in all.
    const regular = townshipRows.filter((t) => t.kind !== "other");
    const placed = [
      ...regular.map((township) => ({ township, type: "人大代表联络站" })),
      ...regular.filter((t) => t.kind === "town").map((township) => ({ township, type: "民生议事亭" })),
      ...regular
        .filter((t) => t.kind === "street")
        .slice(0, 4)
        .map((township) => ({ township, type: "人大代表之家" })),
    ].map((p) => ({ ...p, name: `${p.township.name}${p.type}` }));
    // One liaison officer per township (xxt-liaison keeps 金陵镇); the others are invited, not yet signed in.
    const liaisonOf = new Map<string, string>([[jinling.id, liaison!.id]]);
    for (const [index, township] of [...new Set(placed.map((p) => p.township))].entries()) {
      if (liaisonOf.has(township.id)) continue;
      const invited = await inviteUser(tx, ctx, {
        username: `xxt-liaison-${index + 1}`,
        displayName: `${township.name}联络员`,
        role: "station_liaison",
        townshipIds: [township.id],
      });
      liaisonOf.set(township.id, invited.userId);
    }

    for (const [index, { township, type, name }] of placed.entries()) {
      const station = await createStation(tx, ctx, {
        stationTypeId: typeNamed(type).id,
        townshipId: township.id,
        name,
        address: `${township.name}${type === "民生议事亭" ? "中心村文化广场" : "人民政府一楼"}`,
        // Around 西乡塘区 (22.83° N, 108.25° E), spread a few kilometres apart.
        latitude: (22.78 + (index % 5) * 0.021).toFixed(4),
        longitude: (108.16 + Math.floor(index / 5) * 0.034 + (index % 2) * 0.006).toFixed(4),
        liaisonUserIds: [liaisonOf.get(township.id)!],
        receptionSchedule: "每月15日",
        theme: index % 4 === 0 ? "乡村振兴" : undefined,
        partners: ["老年协会", "妇联"],
        customValues:
          type === "人大代表联络站"
            ? {
                builtOn: `20${19 + (index % 5)}-0${1 + (index % 9)}-15`,
                population: 3000 + index * 850,
                venue: index % 3 === 0 ? "shared" : "own",
              }
            : {},
      });
      const stationed = deputyRows.filter((d) => d.townshipId === township.id).slice(0, 4);
      for (const deputy of stationed) await assignDeputy(tx, ctx, { stationId: station.id, deputyId: deputy.id });
      if (stationed[0]) {
        await tx
          .update(stations)
          .set({ headDeputyId: stationed[0].id })
          .where(and(eq(stations.tenantId, tenantId), eq(stations.id, station.id)));
      }
      await seedClaims(tx, admin, station.id, stationed, posts, index, clock.now());
      await seedChecklist(tx, ctx, station.id, typeNamed(type).checklistId, index);
    }
  });
}

/**
 * Three deputies of each station serve in posts since months ago; a fourth awaits the
 * township's decision. 韦建国 never holds 法律服务岗 here, so he can claim it in the demo.
 */
async function seedClaims(
  tx: TenantTx,
  admin: Actor,
  stationId: string,
  stationed: { id: string; name: string }[],
  posts: { id: string; name: string }[],
  stationIndex: number,
  now: Date,
) {
  const claims = stationed.map((deputy, k) => {
    let post = posts[(stationIndex + k * 3) % posts.length]!;
    if (deputy.name === "韦建国" && post.name === "法律服务岗") post = posts.find((p) => p.name === "政策宣传岗")!;
    const approved = k < 3;
    // Decided some 7, 6 and 5 months before the seed, whatever its date.
    const decidedAt = new Date(now.getTime() - (210 - k * 30 - (stationIndex % 10)) * 86_400_000);
    return {
      stationId,
      postId: post.id,
      deputyId: deputy.id,
      statement: POST_STATEMENTS[post.name] ?? "按岗位职责履职",
      status: approved ? ("approved" as const) : ("pending" as const),
      decidedBy: approved ? admin.userId : null,
      decidedAt: approved ? decidedAt : null,
      createdAt: new Date(decidedAt.getTime() - 3 * 86_400_000),
    };
  });
  if (claims.length > 0) await tx.insert(postClaims).values(claims);
}

/** How each station meets its standard: mostly met, with notes; a few items partly or not yet. */
async function seedChecklist(
  tx: TenantTx,
  ctx: UseCaseContext,
  stationId: string,
  checklistId: string | null,
  stationIndex: number,
) {
  if (!checklistId) return;
  const [standard] = await tx
    .select()
    .from(checklists)
    .where(and(eq(checklists.tenantId, tx.tenantId), eq(checklists.id, checklistId)));
  for (const [k, item] of (standard?.items ?? []).entries()) {
    const met = (k + stationIndex) % 7 === 0 ? "partly" : (k + stationIndex) % 11 === 0 ? "no" : "yes";
    await recordChecklistItem(tx, ctx, {
      stationId,
      item,
      met,
      note: met === "no" ? "正在筹备" : CHECKLIST_NOTES[item],
    });
  }
}
