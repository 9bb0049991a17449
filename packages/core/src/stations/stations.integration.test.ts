import { deputies, deputyStations, stationTypes, townships, users } from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../clock";
import { claimPost } from "../posts/claim-post";
import { decideClaim } from "../posts/decide-claim";
import { NotFoundError, ValidationError } from "../shared/errors";
import { setStationTypeFields } from "../station-types/set-station-type-fields";
import { memberOf, realMemberOf } from "../testing/actors";
import { onboardTestCounty } from "../testing/counties";
import { inviteUser } from "../users/invite-user";
import { createStation } from "./create-station";
import { getStation } from "./get-station";
import { listStations } from "./list-stations";

describe.each(testDrivers())("stations and duty posts on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;
  let jinling: string;
  let shuangding: string;
  let liaisonId: string;
  let shuangdingLiaisonId: string;
  let typeId: string;
  const admin = () => ({ actor: memberOf(tenantId, "county_admin"), ip: "10.4.4.4", clock: systemClock });
  const operatorOf = (townshipId: string) => ({
    actor: memberOf(tenantId, "township_operator", [townshipId]),
    ip: null,
    clock: systemClock,
  });
  const inCounty = <T>(work: Parameters<typeof t.db.withTenant<T>>[1]) => t.db.withTenant(tenantId, work);

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    const county = await onboardTestCounty(t.db);
    tenantId = county.tenantId;
    const rows = await inCounty((tx) => tx.select().from(townships));
    jinling = rows.find((r) => r.name === "金陵镇")!.id;
    shuangding = rows.find((r) => r.name === "双定镇")!.id;
    const realAdmin = { actor: county.admin, ip: null, clock: systemClock };
    ({ userId: liaisonId } = await inCounty((tx) =>
      inviteUser(tx, realAdmin, {
        username: "jl-liaison",
        displayName: "联络员",
        role: "station_liaison",
        townshipIds: [jinling],
      }),
    ));
    ({ userId: shuangdingLiaisonId } = await inCounty((tx) =>
      inviteUser(tx, realAdmin, {
        username: "sd-liaison",
        displayName: "双定联络员",
        role: "station_liaison",
        townshipIds: [shuangding],
      }),
    ));
    const [type] = await inCounty((tx) =>
      tx.select().from(stationTypes).where(eq(stationTypes.name, "人大代表联络站")),
    );
    typeId = type!.id;
  });
  afterAll(() => t.drop());

  it("adds a custom field to a station type and checks it on a new station", async () => {
    await inCounty((tx) =>
      setStationTypeFields(tx, admin(), {
        stationTypeId: typeId,
        customFields: [
          { key: "area", label: { "zh-CN": "场所面积（平方米）" }, type: "number", required: true, min: 10 },
        ],
      }),
    );
    const base = {
      stationTypeId: typeId,
      townshipId: jinling,
      name: "金陵镇人大代表联络站",
      liaisonUserIds: [liaisonId],
    };
    const missing = await inCounty((tx) => createStation(tx, admin(), base)).catch((e) => e);
    expect(missing).toBeInstanceOf(ValidationError);
    expect((missing as ValidationError).fieldErrors).toEqual({ "customValues.area": "validation.required" });
    const station = await inCounty((tx) =>
      createStation(tx, admin(), {
        ...base,
        customValues: { area: "120" },
        receptionSchedule: "每月15日",
        partners: ["老年协会"],
      }),
    );
    expect(station.customValues).toEqual({ area: 120 });

    // Removing the field keeps the station's value, shown read-only.
    await inCounty((tx) => setStationTypeFields(tx, admin(), { stationTypeId: typeId, customFields: [] }));
    const page = await inCounty((tx) => getStation(tx, admin(), station.id));
    expect(page.fields).toEqual([
      {
        definition: { key: "area", type: "text", label: { "zh-CN": "area" }, required: false },
        value: 120,
        removed: true,
      },
    ]);
    expect(page.liaisons.map((l) => l.displayName)).toEqual(["联络员"]);
    expect(page.posts.map((p) => p.name)).toContain("法律服务岗");
  });

  it("keeps a township operator to its township: 404 on another township's station", async () => {
    const elsewhere = await inCounty((tx) =>
      createStation(tx, admin(), {
        stationTypeId: typeId,
        townshipId: shuangding,
        name: "双定镇联络站",
        liaisonUserIds: [shuangdingLiaisonId],
      }),
    );
    await expect(inCounty((tx) => getStation(tx, operatorOf(jinling), elsewhere.id))).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const listed = await inCounty((tx) => listStations(tx, operatorOf(jinling)));
    expect(listed.rows.map((r) => r.name)).toEqual(["金陵镇人大代表联络站"]);
    await expect(
      inCounty((tx) =>
        createStation(tx, operatorOf(jinling), {
          stationTypeId: typeId,
          townshipId: shuangding,
          name: "越权站",
          liaisonUserIds: [liaisonId],
        }),
      ),
    ).rejects.toThrow(/Not allowed/);
  });

  it("lets a stationed deputy claim 法律服务岗 and shows them as its holder once the township approves", async () => {
    const [station] = (await inCounty((tx) => listStations(tx, admin(), { search: "金陵镇人大" }))).rows;
    const page = await inCounty((tx) => getStation(tx, admin(), station!.id));
    const law = page.posts.find((p) => p.name === "法律服务岗")!;
    const [deputyUser] = await t.db.withoutTenant((tx) =>
      tx.insert(users).values({ username: "wei", displayName: "韦建国", homeTenantId: tenantId }).returning(),
    );
    const [deputy] = await inCounty((tx) =>
      tx
        .insert(deputies)
        .values({ name: "韦建国", level: "county", townshipId: jinling, userId: deputyUser!.id })
        .returning(),
    );
    const asDeputy = {
      actor: { ...memberOf(tenantId, "deputy"), userId: deputyUser!.id },
      ip: null,
      clock: systemClock,
    };
    const notHere = await inCounty((tx) =>
      claimPost(tx, asDeputy, { stationId: station!.id, postId: law.id, statement: "法律咨询" }),
    ).catch((e) => e);
    expect(notHere).toMatchObject({ formError: "errors.notStationedHere" });
    await inCounty((tx) => tx.insert(deputyStations).values({ deputyId: deputy!.id, stationId: station!.id }));
    const claim = await inCounty((tx) =>
      claimPost(tx, asDeputy, { stationId: station!.id, postId: law.id, statement: "每月接待日提供法律咨询" }),
    );
    await expect(
      inCounty((tx) => decideClaim(tx, operatorOf(shuangding), { claimId: claim.id, decision: "approve" })),
    ).rejects.toBeInstanceOf(NotFoundError);
    const jinlingOperator = {
      actor: await realMemberOf(t.db, tenantId, "township_operator", [jinling]),
      ip: null,
      clock: systemClock,
    };
    await inCounty((tx) => decideClaim(tx, jinlingOperator, { claimId: claim.id, decision: "approve" }));
    const after = await inCounty((tx) => getStation(tx, admin(), station!.id));
    const holders = after.posts.find((p) => p.name === "法律服务岗")!.holders;
    expect(holders).toEqual([
      expect.objectContaining({ deputyName: "韦建国", statement: "每月接待日提供法律咨询", status: "approved" }),
    ]);
    expect(holders[0]!.since).toBeInstanceOf(Date);
  });
});
