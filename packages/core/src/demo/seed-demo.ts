import type { Actor } from "@rdlink/auth";
import { hashPassword } from "@rdlink/auth";
import { type Database, deputies, stationTypes, type TRole, townships, users } from "@rdlink/db";
import { and, eq, isNotNull } from "drizzle-orm";
import { acceptInvitation } from "../auth/accept-invitation";
import { assignDeputy } from "../stations/assign-deputy";
import { createStation } from "../stations/create-station";
import { onboardCounty } from "../tenants/onboard-county";
import { inviteUser } from "../users/invite-user";

export const DEMO_PASSWORD = "rdlink-demo-2026";
export const DEMO_COUNTY_CODE = "450107"; // 广西壮族自治区南宁市西乡塘区

export type DemoSignIn = { username: string; role: TRole | "platform_operator"; displayName: string };

const DEMO_USERS: { username: string; displayName: string; role: TRole; township?: string }[] = [
  { username: "xxt-admin", displayName: "西乡塘区人大常委会管理员", role: "county_admin" },
  { username: "xxt-jinling", displayName: "金陵镇人大主席团", role: "township_operator", township: "金陵镇" },
  { username: "xxt-liaison", displayName: "联络员 黄小梅", role: "station_liaison", township: "金陵镇" },
  { username: "xxt-deputy", displayName: "代表 韦建国", role: "deputy" },
  { username: "xxt-responder", displayName: "区住建局 承办人", role: "handling_unit_responder" },
];

const request = { ip: "127.0.0.1", userAgent: "seed" };

/**
 * On an empty database: a platform operator and the demo county 西乡塘区 with one user
 * per role, made through the same use cases a person would go through (onboarding,
 * invitations, accepting them). Does nothing when the platform already has an operator.
 */
export async function seedDemo(db: Database): Promise<DemoSignIn[] | null> {
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
    { actor: operator, ip: request.ip },
    {
      divisionCode: DEMO_COUNTY_CODE,
      adminUsername: DEMO_USERS[0]!.username,
      adminDisplayName: DEMO_USERS[0]!.displayName,
    },
  );
  const password = { password: DEMO_PASSWORD, confirmPassword: DEMO_PASSWORD };
  await acceptInvitation(db, onboarded.invitationToken, password, request);

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
  for (const person of DEMO_USERS.slice(1)) {
    const { invitationToken } = await db.withTenant(onboarded.tenantId, async (tx) => {
      const scope = person.township
        ? await tx
            .select({ id: townships.id })
            .from(townships)
            .where(and(eq(townships.tenantId, tx.tenantId), eq(townships.name, person.township)))
        : [];
      return inviteUser(tx, { actor: admin, ip: request.ip }, { ...person, townshipIds: scope.map((t) => t.id) });
    });
    await acceptInvitation(db, invitationToken, password, request);
  }
  await seedStationsAndDeputies(db, onboarded.tenantId, admin);
  return [
    { username: "operator", role: "platform_operator", displayName: operator.displayName },
    ...DEMO_USERS.map(({ username, role, displayName }) => ({ username, role, displayName })),
  ];
}

const SURNAMES = "黄韦覃梁陆蒙莫李农卢蓝陈罗林周";
const GIVEN = "建国秀英明华丽芳志强海燕春梅永红桂兰德才凤玲";

/**
 * The demo county's stations (two per township, up to 20) and ~150 deputies, some of them
 * stationed and holding duty posts; 韦建国 is the demo deputy's own record.
 */
async function seedStationsAndDeputies(db: Database, tenantId: string, admin: Actor) {
  const ctx = { actor: admin, ip: request.ip };
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

    const people = Array.from({ length: 150 }, (_, i) => ({
      name:
        i === 0
          ? "韦建国"
          : `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}${GIVEN[(i * 3 + 1) % GIVEN.length]}`,
      level: (["county", "township", "municipal", "county", "provincial"] as const)[i % 5]!,
      term: "第十八届",
      townshipId: i === 0 ? jinling.id : townshipRows[i % townshipRows.length]!.id,
      sector: ["农业", "教育", "医疗卫生", "制造业", "社区服务"][i % 5]!,
      tags: i % 3 === 0 ? ["乡村振兴"] : [],
      phone: `139${String(7710000 + i).padStart(8, "0")}`,
      gender: i % 2 === 0 ? ("male" as const) : ("female" as const),
      userId: i === 0 ? deputyUser!.id : null,
    }));
    const deputyRows = await tx
      .insert(deputies)
      .values(people)
      .returning({ id: deputies.id, townshipId: deputies.townshipId });

    const placed = townshipRows
      .flatMap((township) =>
        ["人大代表联络站", "民生议事亭"].map((type) => ({ township, type, name: `${township.name}${type}` })),
      )
      .slice(0, 20);
    for (const { township, type, name } of placed) {
      const station = await createStation(tx, ctx, {
        stationTypeId: typeNamed(type).id,
        townshipId: township.id,
        name,
        liaisonUserIds: [liaison!.id],
        receptionSchedule: "每月15日",
        partners: ["老年协会", "妇联"],
      });
      for (const deputy of deputyRows.filter((d) => d.townshipId === township.id).slice(0, 4)) {
        await assignDeputy(tx, ctx, { stationId: station.id, deputyId: deputy.id });
      }
    }
  });
}
