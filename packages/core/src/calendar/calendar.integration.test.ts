import { auditLog, calendarDays, handlingUnits, townships } from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { and, between, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actOnCase } from "../cases/act-on-case";
import { getCase } from "../cases/get-case";
import { startCase } from "../cases/start-case";
import { ManualClock } from "../clock";
import { ConflictError, ValidationError } from "../shared/errors";
import { memberOf, responderOf } from "../testing/actors";
import { onboardTestCounty } from "../testing/counties";
import { runWorkerRound } from "../worker/start-worker";
import { confirmCalendarYear } from "./confirm-calendar-year";
import { listCalendarYears } from "./list-calendar-years";
import { removeCalendarDay } from "./remove-calendar-day";
import { setCalendarDay } from "./set-calendar-day";

/** Shanghai wall-clock time. */
const at = (local: string) => new Date(`${local}+08:00`);

describe.each(testDrivers())("the county calendar on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;
  // The county is onboarded in March 2027, before any notice for 2027 or 2028 exists.
  const clock = new ManualClock(at("2027-03-01T09:00:00"));
  const as = (actor: ReturnType<typeof memberOf>) => ({ actor, ip: null, clock });
  let admin: ReturnType<typeof as>;
  const inCounty = <T>(work: Parameters<typeof t.db.withTenant<T>>[1]) => t.db.withTenant(tenantId, work);
  const years = () => inCounty((tx) => listCalendarYears(tx, admin));

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    const county = await onboardTestCounty(t.db, "450107", clock);
    tenantId = county.tenantId;
    admin = as(county.admin);
  });
  afterAll(() => t.drop());

  it("holds this year and next from onboarding, provisional where no notice is known", async () => {
    expect((await years()).map(({ year, status }) => ({ year, status }))).toEqual([
      { year: 2027, status: "provisional" },
      { year: 2028, status: "provisional" },
    ]);
  });

  it("is rolled forward by the worker when a new year begins, once", async () => {
    clock.set(at("2028-01-01T00:30:00"));
    expect(await runWorkerRound(t.db, clock.now())).toMatchObject({ calendarsRolled: 1 });
    expect(await runWorkerRound(t.db, clock.now())).toMatchObject({ calendarsRolled: 0 });
    expect((await years()).map((y) => y.year)).toEqual([2027, 2028, 2029]);
  });

  it("counts 15 working days from Mon 2028-01-24 past the provisional Spring Festival, marked until confirmed", async () => {
    clock.set(at("2028-01-24T10:00:00"));
    const { townshipId, unitId } = await inCounty(async (tx) => {
      const [township] = await tx.select({ id: townships.id }).from(townships).limit(1);
      const [unit] = await tx.insert(handlingUnits).values({ name: "区住建局" }).returning({ id: handlingUnits.id });
      return { townshipId: township!.id, unitId: unit!.id };
    });
    const liaison = as(memberOf(tenantId, "station_liaison", [townshipId]));
    const countyAdmin = as(memberOf(tenantId, "county_admin"));
    const responder = as(responderOf(tenantId, unitId));
    const { caseId } = await inCounty((tx) =>
      startCase(tx, liaison, { workflowKey: "citizenOpinion", data: { content: "村道路灯不亮" }, townshipId }),
    );
    const step = (ctx: typeof admin, event: string, data: Record<string, unknown>, expectedSeq: number) =>
      inCounty((tx) => actOnCase(tx, ctx, { caseId, event, data, expectedSeq }));
    await step(liaison, "SUBMIT_REVIEW", { summary: "路灯" }, 1);
    await step(liaison, "HAND_OVER", { issueScope: "individual" }, 2);
    await step(countyAdmin, "ASSIGN", { handlingUnit: unitId }, 3);
    await step(responder, "ACCEPT", {}, 4);

    const page = await inCounty((tx) => getCase(tx, countyAdmin, caseId));
    expect(page.case.state).toBe("handling");
    // 25–28 January are 春节 (除夕 to 初三, from the lunar calendar): the 15 days are
    // 24–28 January skipped, then 31 Jan–4 Feb, 7–11 Feb and 14–18 Feb, ending at 24:00 on the 18th.
    expect(page.case.dueAt?.toISOString()).toBe("2028-02-18T16:00:00.000Z");
    expect(page.case.dueAtProvisional).toBe(true);

    await inCounty((tx) => confirmCalendarYear(tx, admin, { year: 2028 }));
    const confirmed = await inCounty((tx) => getCase(tx, countyAdmin, caseId));
    expect(confirmed.case.dueAtProvisional).toBe(false);
    expect((await years()).find((y) => y.year === 2028)).toMatchObject({ status: "confirmed" });
    // Confirming twice is refused: there is nothing left to confirm.
    await expect(inCounty((tx) => confirmCalendarYear(tx, admin, { year: 2028 }))).rejects.toBeInstanceOf(
      ConflictError,
    );
  });

  const auditEntries = async () => (await inCounty((tx) => tx.select({ n: count() }).from(auditLog)))[0]!.n;
  const daysOf = (year: number) =>
    inCounty((tx) =>
      tx
        .select()
        .from(calendarDays)
        .where(and(eq(calendarDays.tenantId, tenantId), between(calendarDays.day, `${year}-01-01`, `${year}-12-31`))),
    );

  it("refuses a date outside the supported years, in the user's words, and changes nothing", async () => {
    const before = await auditEntries();
    for (const day of ["2100-01-04", "2003-12-31"]) {
      const refusal = await inCounty((tx) => setCalendarDay(tx, admin, { day, kind: "holiday", name: "假日" })).catch(
        (e: unknown) => e,
      );
      expect(refusal).toBeInstanceOf(ValidationError);
      expect((refusal as ValidationError).fieldErrors).toEqual({ day: "validation.calendarYearOutOfRange" });
    }
    await expect(inCounty((tx) => listCalendarYears(tx, admin))).resolves.toHaveLength(3);
    expect(await auditEntries()).toBe(before);
  });

  it("refuses an edit that would leave a year without a working day, and changes nothing", async () => {
    // 2029: every weekday but Friday 28 December made a holiday by hand, and no make-up workday.
    await inCounty(async (tx) => {
      const rows = [];
      for (let time = Date.UTC(2029, 0, 1); time < Date.UTC(2030, 0, 1); time += 86_400_000) {
        const date = new Date(time);
        const day = date.toISOString().slice(0, 10);
        if (date.getUTCDay() !== 0 && date.getUTCDay() !== 6 && day !== "2029-12-28")
          rows.push({ day, kind: "holiday" as const, name: "停工" });
      }
      await tx
        .insert(calendarDays)
        .values(rows)
        .onConflictDoUpdate({ target: [calendarDays.tenantId, calendarDays.day], set: { kind: "holiday" } });
      await tx.delete(calendarDays).where(and(eq(calendarDays.tenantId, tenantId), eq(calendarDays.kind, "workday")));
    });
    const before = { days: (await daysOf(2029)).length, audit: await auditEntries() };
    const refusal = { fieldErrors: { day: "validation.yearWithoutWorkingDay" } };

    await expect(
      inCounty((tx) => setCalendarDay(tx, admin, { day: "2029-12-28", kind: "holiday", name: "停工" })),
    ).rejects.toMatchObject(refusal);
    // With a make-up Saturday the Friday may go; the Saturday, then the last working day, may not.
    await inCounty((tx) => setCalendarDay(tx, admin, { day: "2029-12-29", kind: "workday", name: "调休上班" }));
    await inCounty((tx) => setCalendarDay(tx, admin, { day: "2029-12-28", kind: "holiday", name: "停工" }));
    await expect(inCounty((tx) => removeCalendarDay(tx, admin, { day: "2029-12-29" }))).rejects.toMatchObject(refusal);

    const after = await daysOf(2029);
    expect(after.find((d) => d.day === "2029-12-29")).toMatchObject({ kind: "workday" });
    expect(after.length).toBe(before.days + 2); // the two accepted edits, nothing of the refused ones
    expect(await auditEntries()).toBe(before.audit + 2);
  });
});
