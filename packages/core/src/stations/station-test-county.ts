import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { stationTypes, townships } from "@rdlink/db";
import { createTestDatabase, type TestDatabase } from "@rdlink/db/testing";
import { eq } from "drizzle-orm";
import { systemClock } from "../clock";
import { memberOf } from "../testing/actors";
import { onboardTestCounty } from "../testing/counties";
import { inviteUser } from "../users/invite-user";
import { createStation } from "./create-station";

/** What a promise was refused with, or null if it was not. */
export const failure = (promise: Promise<unknown>) => promise.then(() => null).catch((error: unknown) => error);

/**
 * The county the station tests share (one database per test file): 金陵镇 and 双定镇 with a
 * liaison officer each, the county's 人大代表联络站 type, and a folder for stored photos. Call
 * `setUp` in `beforeAll` and `drop` after.
 */
export function stationTestCounty(driver: Parameters<typeof createTestDatabase>[0]) {
  let t: TestDatabase;
  let tenantId: string;
  let jinling: string;
  let typeId: string;
  let liaisonId: string;
  let filesDir: string;
  const admin = () => ({ actor: memberOf(tenantId, "county_admin"), ip: null, clock: systemClock });
  const operatorOf = (townshipId: string) => ({
    actor: memberOf(tenantId, "township_operator", [townshipId]),
    ip: null,
    clock: systemClock,
  });
  const inCounty = <T>(work: Parameters<typeof t.db.withTenant<T>>[1]) => t.db.withTenant(tenantId, work);
  /** A station of 金陵镇 of the 人大代表联络站 type, with its liaison officer. */
  const newStation = (name: string, extra: Record<string, unknown> = {}) =>
    inCounty((tx) =>
      createStation(tx, admin(), {
        stationTypeId: typeId,
        townshipId: jinling,
        name,
        liaisonUserIds: [liaisonId],
        ...extra,
      }),
    );

  async function setUp() {
    t = await createTestDatabase(driver);
    filesDir = fs.mkdtempSync(path.join(os.tmpdir(), "rdlink-station-files-"));
    const county = await onboardTestCounty(t.db);
    tenantId = county.tenantId;
    const rows = await inCounty((tx) => tx.select().from(townships));
    jinling = rows.find((r) => r.name === "金陵镇")!.id;
    const shuangding = rows.find((r) => r.name === "双定镇")!.id;
    const realAdmin = { actor: county.admin, ip: null, clock: systemClock };
    const invite = (username: string, townshipId: string) =>
      inCounty((tx) =>
        inviteUser(tx, realAdmin, {
          username,
          displayName: username,
          role: "station_liaison",
          townshipIds: [townshipId],
        }),
      );
    liaisonId = (await invite("jl-liaison", jinling)).userId;
    const otherLiaisonId = (await invite("sd-liaison", shuangding)).userId;
    const [type] = await inCounty((tx) =>
      tx.select().from(stationTypes).where(eq(stationTypes.name, "人大代表联络站")),
    );
    typeId = type!.id;
    return { t, tenantId, jinling, shuangding, liaisonId, otherLiaisonId, typeId, filesDir };
  }

  async function drop() {
    await t.drop();
    fs.rmSync(filesDir, { recursive: true, force: true });
  }

  return { setUp, drop, admin, operatorOf, inCounty, newStation };
}
