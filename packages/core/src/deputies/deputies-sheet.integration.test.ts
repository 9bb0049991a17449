import { auditLog, deputies, stationTypes, townships } from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../clock";
import { createStation } from "../stations/create-station";
import { memberOf, realMemberOf } from "../testing/actors";
import { onboardTestCounty } from "../testing/counties";
import { exportDeputies } from "./export-deputies";
import { importDeputies } from "./import-deputies";
import { parseDeputySheet } from "./sheet";
import { HEADER, xlsxOf } from "./sheet/testing";

const LEVELS = ["全国", "省", "市", "县", "乡"];

describe.each(testDrivers())("importing and exporting deputies on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;
  let townshipNames: string[];
  const admin = () => ({ actor: memberOf(tenantId, "county_admin"), ip: "10.5.5.5", clock: systemClock });

  /** 2,000 deputies of the demo county; some assigned to its one station. */
  const rows = () =>
    Array.from({ length: 2000 }, (_, i) => [
      `代表${String(i).padStart(4, "0")}`,
      LEVELS[i % LEVELS.length]!,
      "第十八届",
      `第${(i % 30) + 1}选区`,
      townshipNames[i % townshipNames.length]!,
      i % 50 === 0 && townshipNames[i % townshipNames.length] === "金陵镇" ? "金陵镇人大代表联络站" : "",
      "农业",
      "乡村振兴",
      `139${String(i).padStart(8, "0")}`,
      i % 2 ? "女" : "男",
    ]);

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    ({ tenantId } = await onboardTestCounty(t.db));
    townshipNames = (await t.db.withTenant(tenantId, (tx) => tx.select().from(townships))).map((x) => x.name);
    const liaison = await realMemberOf(t.db, tenantId, "station_liaison");
    await t.db.withTenant(tenantId, async (tx) => {
      const { memberships, membershipTownships } = await import("@rdlink/db");
      const [type] = await tx.select().from(stationTypes).where(eq(stationTypes.name, "人大代表联络站"));
      const jinling = (await tx.select().from(townships).where(eq(townships.name, "金陵镇")))[0]!;
      const [membership] = await tx
        .insert(memberships)
        .values({ userId: liaison.userId, role: "station_liaison" })
        .returning();
      await tx.insert(membershipTownships).values({ membershipId: membership!.id, townshipId: jinling.id });
      await createStation(tx, admin(), {
        stationTypeId: type!.id,
        townshipId: jinling.id,
        name: "金陵镇人大代表联络站",
        liaisonUserIds: [liaison.userId],
      });
    });
  });
  afterAll(() => t.drop());

  it("refuses a 2,000-row file with 3 bad rows, naming them, and writes nothing", async () => {
    const data = rows();
    data[99]![0] = ""; // row 101: no name
    data[999]![1] = "区县级"; // row 1001: not a level
    data[1998]![4] = "不存在镇"; // row 2000: unknown township
    const file = { name: "代表名册.xlsx", bytes: await xlsxOf([HEADER, ...data]) };
    const result = await t.db.withTenant(tenantId, (tx) => importDeputies(tx, admin(), file));
    expect(result.imported).toBe(0);
    expect(result.errors.map(({ row, field }) => ({ row, field }))).toEqual([
      { row: 101, field: "name" },
      { row: 1001, field: "level" },
      { row: 2000, field: "township" },
    ]);
    expect(await t.db.withTenant(tenantId, (tx) => tx.select().from(deputies))).toHaveLength(0);
  });

  it("imports the fixed file whole, and its export imports back to the same deputies", async () => {
    const file = { name: "代表名册.xlsx", bytes: await xlsxOf([HEADER, ...rows()]) };
    const result = await t.db.withTenant(tenantId, (tx) => importDeputies(tx, admin(), file));
    expect(result).toEqual({ imported: 2000, rows: 2000, errors: [] });
    const stored = await t.db.withTenant(tenantId, (tx) => tx.select().from(deputies));
    expect(stored).toHaveLength(2000);
    expect(stored.find((d) => d.name === "代表0001")).toMatchObject({
      level: "provincial",
      gender: "female",
      phone: "13900000001",
    });

    // Importing the same file again: every row is now a duplicate.
    const again = await t.db.withTenant(tenantId, (tx) => importDeputies(tx, admin(), file));
    expect(again.errors).toHaveLength(2000);
    expect(again.errors[0]).toMatchObject({ row: 2, message: "validation.duplicateDeputy" });

    const exported = await t.db.withTenant(tenantId, (tx) => exportDeputies(tx, admin(), { revealPhones: true }));
    const townshipList = (await t.db.withTenant(tenantId, (tx) => tx.select().from(townships))).map(({ id, name }) => ({
      id,
      name,
    }));
    const reparsed = await parseDeputySheet({ name: "导出.xlsx", bytes: exported }, { townships: townshipList });
    expect(reparsed.errors).toEqual([]);
    const key = (d: {
      name: string;
      level: string;
      townshipId: string;
      phone?: string | null;
      stationNames?: readonly string[];
    }) => `${d.name}|${d.level}|${d.townshipId}|${d.phone ?? ""}|${[...(d.stationNames ?? [])].join("、")}`;
    const original = await parseDeputySheet(file, { townships: townshipList });
    expect(reparsed.rows.map(key).sort()).toEqual(original.rows.map(key).sort());
    const revealed = await t.db.withTenant(tenantId, (tx) =>
      tx.select().from(auditLog).where(eq(auditLog.action, "deputies.exported_with_phones")),
    );
    expect(revealed).toHaveLength(1);
  });

  it("masks phones in an export by anyone who may not reveal them", async () => {
    const operator = { actor: memberOf(tenantId, "township_operator", []), ip: null, clock: systemClock };
    operator.actor.memberships = [{ role: "deputy", townshipIds: [] }];
    const bytes = await t.db.withTenant(tenantId, (tx) => exportDeputies(tx, operator, { revealPhones: true }));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as never);
    const sheet = workbook.worksheets[0]!;
    const phoneColumn = (sheet.getRow(1).values as string[]).indexOf("联系电话");
    const phones = sheet.getColumn(phoneColumn).values.slice(2).map(String);
    expect(phones).toHaveLength(2000);
    expect(phones.every((phone) => /^139\*{4}\d{4}$/.test(phone))).toBe(true);
  });
});
