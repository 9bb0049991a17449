import { auditLog, deputies, deputyStations } from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../clock";
import { searchDeputyOptions } from "../deputies/search-deputy-options";
import { ValidationError } from "../shared/errors";
import { memberOf } from "../testing/actors";
import { addTestStation, onboardTestCounty } from "../testing/counties";
import { assignDeputy } from "./assign-deputy";

describe.each(testDrivers())("deputies entering a station (代表进站) on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;
  let stationId: string;
  let ids: string[];
  const admin = () => ({ actor: memberOf(tenantId, "county_admin"), ip: null, clock: systemClock });
  const inCounty = <T>(work: Parameters<typeof t.db.withTenant<T>>[1]) => t.db.withTenant(tenantId, work);
  const inStation = async () =>
    (await inCounty((tx) => tx.select().from(deputyStations).where(eq(deputyStations.stationId, stationId))))
      .map((r) => r.deputyId)
      .sort();

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    tenantId = (await onboardTestCounty(t.db, "450107")).tenantId;
    await inCounty(async (tx) => {
      const station = await addTestStation(tx, "D1E2P3");
      stationId = station.stationId;
      const rows = await tx
        .insert(deputies)
        .values(
          ["韦建国", "黄丽", "蓝秀凤"].map((name) => ({
            name,
            level: "county" as const,
            townshipId: station.townshipId,
          })),
        )
        .returning();
      ids = rows.map((r) => r.id);
    });
  });
  afterAll(() => t.drop());

  it("takes several deputies in one submit (the picker's comma-joined ids), each audited once", async () => {
    expect(await inCounty((tx) => assignDeputy(tx, admin(), { stationId, deputyId: `${ids[0]},${ids[1]}` }))).toEqual({
      entered: 2,
    });
    // One already in the station stays as it was; only the new one is recorded.
    expect(await inCounty((tx) => assignDeputy(tx, admin(), { stationId, deputyId: [ids[1], ids[2]] }))).toEqual({
      entered: 1,
    });
    expect(await inStation()).toEqual([...ids].sort());
    const audited = await inCounty((tx) =>
      tx.select().from(auditLog).where(eq(auditLog.action, "station.deputy_assigned")),
    );
    expect(audited.map((a) => (a.detail as { deputy: string }).deputy).sort()).toEqual(
      ["蓝秀凤", "韦建国", "黄丽"].sort(),
    );
  });

  it("offers in the picker only deputies not yet in the station, before the picker's limit", async () => {
    const names = async (input: object, limit?: number) =>
      (await inCounty((tx) => searchDeputyOptions(tx, admin(), input, limit))).map((d) => d.name).sort();
    const newcomer = await inCounty(async (tx) => {
      const [station] = await tx.select().from(deputyStations).where(eq(deputyStations.stationId, stationId));
      const [deputy] = await tx.select().from(deputies).where(eq(deputies.id, station!.deputyId));
      return tx
        .insert(deputies)
        .values({ name: "覃明", level: "township", townshipId: deputy!.townshipId })
        .returning();
    });
    expect(await names({})).toEqual(["覃明", "蓝秀凤", "韦建国", "黄丽"].sort());
    // The three in the station would fill a limit of three: left out first, the newcomer is found.
    expect(await names({ notInStationId: stationId }, 3)).toEqual(["覃明"]);
    expect(await names({ notInStationId: stationId, search: "韦" })).toEqual([]);
    await inCounty((tx) => assignDeputy(tx, admin(), { stationId, deputyId: newcomer[0]!.id }));
    expect(await names({ notInStationId: stationId })).toEqual([]);
    await inCounty((tx) => tx.delete(deputyStations).where(eq(deputyStations.deputyId, newcomer[0]!.id)));
  });

  it("refuses the whole submit when one deputy is unknown or none is chosen", async () => {
    const before = await inStation();
    for (const deputyId of [`${ids[0]},${crypto.randomUUID()}`, ""]) {
      const error = await inCounty((tx) => assignDeputy(tx, admin(), { stationId, deputyId })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
    }
    expect(await inStation()).toEqual(before);
  });
});
