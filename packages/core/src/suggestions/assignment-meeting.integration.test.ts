import type { Actor } from "@rdlink/auth";
import {
  assignmentMeetings,
  assignmentProposals,
  caseEvents,
  cases,
  deputies,
  handlingUnits,
  type TenantTx,
  townships,
} from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { count, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../clock";
import { ConflictError, NotFoundError, ValidationError } from "../shared/errors";
import { onboardTestCounty } from "../testing/counties";
import { assignAtMeeting } from "./assign-at-meeting";
import { clearProposals } from "./clear-proposals";
import { createMeeting } from "./create-meeting";
import { createSession } from "./create-session";
import { getMeeting } from "./get-meeting";
import { listMeetings } from "./list-meetings";
import { openSuggestion, suggestionWorkflow } from "./open-suggestion";
import { proposeUnits } from "./propose-units";
import { unitSheet } from "./unit-sheet";

// 10:00 in Shanghai on a Saturday after the session: the meeting assigns today.
const NOW = new Date("2027-02-20T02:00:00Z");
const TOPICS = [
  ["农村公路提质改造", "transport"],
  ["学校周边交通安全", "education"],
  ["农村饮水安全工程", "agriculture"],
  ["老旧小区加装电梯", "urbanConstruction"],
] as const;

describe.each(testDrivers())("the 交办会 on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;
  let admin: { actor: Actor; ip: null; clock: ManualClock };
  let sessionId: string;
  let meetingId: string;
  let units: string[];
  /** The 102 suggestions' cases by number ("001"…). */
  const caseOf = new Map<string, string>();
  const inCounty = <T>(work: (tx: TenantTx) => Promise<T>) => t.db.withTenant(tenantId, work);
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: unknown) => error,
    );
  /** What a refused step must leave as it was. */
  const written = async () =>
    inCounty(async (tx) => {
      const [[p], [e], [m]] = await Promise.all([
        tx.select({ n: count() }).from(assignmentProposals),
        tx.select({ n: count() }).from(caseEvents),
        tx.select({ n: count() }).from(assignmentMeetings),
      ]);
      const states = await tx.select({ state: cases.state, n: count() }).from(cases).groupBy(cases.state);
      return { proposals: p!.n, events: e!.n, meetings: m!.n, states };
    });

  /** A session with `titles` as its suggestions, opened as the office's entry or import does. */
  async function sessionWith(term: number, titles: [string, string | null][], leadDeputyId: string) {
    return inCounty(async (tx) => {
      const session = await createSession(tx, admin, {
        term,
        meeting: 1,
        opensOn: `20${term + 10}-01-10`,
        closesOn: `20${term + 10}-01-13`,
      });
      const workflow = await suggestionWorkflow(tx);
      const opened: { caseId: string; number: string }[] = [];
      for (const [i, [title, category]] of titles.entries()) {
        const number = String(i + 1).padStart(3, "0");
        const fields = {
          title,
          content: `${title}，请有关部门研究解决`,
          category: category as "transport",
          sector: null,
          leadDeputyId,
          coDeputyIds: [],
          receivedOn: "2027-01-11",
          number,
        };
        opened.push(
          await openSuggestion(tx, admin, { sessionId: session.id, fields, source: "import", workflow, now: NOW }),
        );
      }
      return { session, opened };
    });
  }

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    const county = await onboardTestCounty(t.db, "450107");
    tenantId = county.tenantId;
    admin = { actor: county.admin, ip: null, clock: new ManualClock(NOW) };
    const { deputyId, unitIds } = await inCounty(async (tx) => {
      const [township] = await tx.select({ id: townships.id }).from(townships).limit(1);
      const [deputy] = await tx
        .insert(deputies)
        .values({ name: "韦建国", level: "county", townshipId: township!.id })
        .returning();
      const rows = await tx
        .insert(handlingUnits)
        .values(
          [
            "交通运输局",
            "教育局",
            "水利局",
            "住建局",
            "农业农村局",
            "卫健局",
            "民政局",
            "自然资源局",
            "已撤销的局",
          ].map((name) => ({ name })),
        )
        .returning();
      await tx.update(handlingUnits).set({ archivedAt: NOW }).where(eq(handlingUnits.name, "已撤销的局"));
      return { deputyId: deputy!.id, unitIds: rows.map((r) => r.id) };
    });
    units = unitIds;
    // Last year's session: its road suggestion went to the 交通运输局.
    const earlier = await sessionWith(16, [["关于加强农村公路提质改造的建议", "transport"]], deputyId);
    await inCounty((tx) =>
      tx.update(cases).set({ handlingUnitId: units[0] }).where(eq(cases.id, earlier.opened[0]!.caseId)),
    );
    const titles = Array.from({ length: 102 }, (_, i): [string, string] => {
      const [topic, category] = TOPICS[i % TOPICS.length]!;
      return [`关于${topic}的建议（${i + 1}）`, category];
    });
    const { session, opened } = await sessionWith(17, titles, deputyId);
    sessionId = session.id;
    for (const o of opened) caseOf.set(o.number, o.caseId);
  });
  afterAll(() => t.drop());

  it("holds a meeting for the session, named after it unless named otherwise", async () => {
    const meeting = await inCounty((tx) =>
      createMeeting(tx, admin, sessionId, { heldOn: "2027-02-20", attendees: "县人大常委会副主任 王某\n县政府办" }),
    );
    meetingId = meeting.id;
    expect(meeting).toMatchObject({
      name: "第十七届人民代表大会第一次会议建议交办会",
      heldOn: "2027-02-20",
      attendees: "县人大常委会副主任 王某\n县政府办",
      assignedCount: 0,
    });
    expect((await inCounty((tx) => listMeetings(tx, admin, sessionId))).map((m) => m.id)).toEqual([meeting.id]);
    const bad = await refusal(inCounty((tx) => createMeeting(tx, admin, sessionId, { heldOn: "下周" })));
    expect((bad as ValidationError).fieldErrors).toEqual({ heldOn: "validation.invalidDate" });
  });

  it("lists the suggestions waiting for 交办, filtered, with last year's unit for a similar title", async () => {
    const all = await inCounty((tx) => getMeeting(tx, admin, sessionId, meetingId));
    expect(all.suggestions).toHaveLength(102);
    expect(all.suggestions.slice(0, 2).map((s) => s.number)).toEqual(["001", "002"]);
    const road = all.suggestions[0]!;
    expect(road.hint).toMatchObject({ unitId: units[0], unitName: "交通运输局" });
    // 学校周边交通安全 shares no words with last year's road suggestion.
    expect(all.suggestions[1]!.hint).toBeNull();
    const transport = await inCounty((tx) => getMeeting(tx, admin, sessionId, meetingId, { category: "transport" }));
    expect(transport.suggestions).toHaveLength(26);
    const text = await inCounty((tx) => getMeeting(tx, admin, sessionId, meetingId, { q: "电梯的建议（8）" }));
    expect(text.suggestions.map((s) => s.number)).toEqual(["008"]);
  });

  it("refuses unknown units and suggestions of another session or county, in its own words, writing nothing", async () => {
    const before = await written();
    const one = [caseOf.get("001")!];
    const tries: [Record<string, unknown>, Record<string, string>][] = [
      [{ caseIds: one, leadUnitId: crypto.randomUUID() }, { leadUnitId: "meetings.unknownUnit" }],
      [{ caseIds: one, leadUnitId: units[8] }, { leadUnitId: "meetings.unknownUnit" }],
      [{ caseIds: one, leadUnitId: units[0], coUnitIds: [crypto.randomUUID()] }, { coUnitIds: "meetings.unknownUnit" }],
      [{ caseIds: one, leadUnitId: "" }, { leadUnitId: "validation.required" }],
      [{ caseIds: [], leadUnitId: units[0] }, { caseIds: "validation.noneSelected" }],
    ];
    for (const [input, fieldErrors] of tries) {
      const error = await refusal(inCounty((tx) => proposeUnits(tx, admin, sessionId, meetingId, input)));
      expect(error, JSON.stringify(fieldErrors)).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors).toEqual(fieldErrors);
    }
    // Last year's suggestion, and a case id of no suggestion at all (another county's looks the same).
    const [lastYear] = await inCounty((tx) =>
      tx.select({ id: cases.id }).from(cases).where(eq(cases.title, "关于加强农村公路提质改造的建议")),
    );
    for (const stranger of [lastYear!.id, crypto.randomUUID()]) {
      const error = await refusal(
        inCounty((tx) =>
          proposeUnits(tx, admin, sessionId, meetingId, { caseIds: [...one, stranger], leadUnitId: units[0] }),
        ),
      );
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({
        formError: "meetings.notThisSession",
        fieldErrors: { [`caseIds.${stranger}`]: "meetings.notThisSession" },
      });
    }
    // Another session's id in the address: not found.
    await expect(
      inCounty((tx) => proposeUnits(tx, admin, crypto.randomUUID(), meetingId, { caseIds: one, leadUnitId: units[0] })),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await written()).toEqual(before);
  });

  it("proposes 主办 and 协办 for many at once, changes one, takes one off", async () => {
    const numbers = Array.from({ length: 100 }, (_, i) => String(i + 1).padStart(3, "0"));
    // 100 suggestions to 8 units, in eight selections; each unit's co-unit is the next one.
    for (let u = 0; u < 8; u++) {
      const mine = numbers.filter((_, i) => i % 8 === u).map((n) => caseOf.get(n)!);
      const done = await inCounty((tx) =>
        proposeUnits(tx, admin, sessionId, meetingId, {
          caseIds: mine,
          leadUnitId: units[u],
          coUnitIds: [units[(u + 1) % 8], units[u]],
        }),
      );
      expect(done.proposed).toBe(mine.length);
    }
    // One by one: 001 becomes a key suggestion without co-units; 101 is proposed, then taken off.
    await inCounty((tx) =>
      proposeUnits(tx, admin, sessionId, meetingId, {
        caseIds: caseOf.get("001"),
        leadUnitId: units[0],
        keySupervision: "on",
      }),
    );
    await inCounty((tx) =>
      proposeUnits(tx, admin, sessionId, meetingId, { caseIds: caseOf.get("101"), leadUnitId: units[1] }),
    );
    expect(
      await inCounty((tx) => clearProposals(tx, admin, sessionId, meetingId, { caseIds: caseOf.get("101") })),
    ).toEqual({
      cleared: 1,
    });
    const page = await inCounty((tx) => getMeeting(tx, admin, sessionId, meetingId));
    expect(page.pending).toBe(100);
    const byNumber = new Map(page.suggestions.map((s) => [s.number, s]));
    expect(byNumber.get("001")!.proposal).toEqual({ leadUnitId: units[0], coUnitIds: [], keySupervision: true });
    // The lead unit is never its own co-unit.
    expect(byNumber.get("002")!.proposal).toEqual({
      leadUnitId: units[1],
      coUnitIds: [units[2]],
      keySupervision: false,
    });
    expect(byNumber.get("101")!.proposal).toBeNull();
    const open = await inCounty((tx) => getMeeting(tx, admin, sessionId, meetingId, { unproposed: "1" }));
    expect(open.suggestions.map((s) => s.number)).toEqual(["101", "102"]);
  });

  it("assigns nothing when one proposed suggestion was assigned meanwhile, and names it", async () => {
    // A second meeting assigns 007 first.
    const other = await inCounty((tx) =>
      createMeeting(tx, admin, sessionId, { heldOn: "2027-02-19", name: "补充交办会" }),
    );
    await inCounty((tx) =>
      proposeUnits(tx, admin, sessionId, other.id, { caseIds: caseOf.get("007"), leadUnitId: units[6] }),
    );
    await inCounty((tx) => assignAtMeeting(tx, admin, sessionId, other.id));
    const before = await written();
    const error = await refusal(inCounty((tx) => assignAtMeeting(tx, admin, sessionId, meetingId)));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ message: "meetings.notWaiting", values: { numbers: "007", count: "1" } });
    expect(await written()).toEqual(before);
    const page = await inCounty((tx) => getMeeting(tx, admin, sessionId, meetingId));
    expect(page.stale).toEqual([{ caseId: caseOf.get("007"), number: "007" }]);
    await inCounty((tx) => clearProposals(tx, admin, sessionId, meetingId, { caseIds: [caseOf.get("007")] }));
  });

  it("assigns the 99 proposed in one action, each through its workflow's 交办 with its lead and co-units", async () => {
    const { assigned } = await inCounty((tx) => assignAtMeeting(tx, admin, sessionId, meetingId));
    expect(assigned).toBe(99);
    const ids = [...caseOf.entries()].filter(([n]) => Number(n) <= 100 && n !== "007").map(([, id]) => id);
    const rows = await inCounty((tx) => tx.select().from(cases).where(inArray(cases.id, ids)));
    expect(rows).toHaveLength(99);
    for (const row of rows) {
      const i = Number([...caseOf.entries()].find(([, id]) => id === row.id)![0]) - 1;
      const u = i % 8;
      expect(row.state, String(i + 1)).toBe("acceptance");
      expect(row.handlingUnitId).toBe(units[u]);
      expect(row.coHandlingUnitIds).toEqual(i === 0 ? [] : [units[(u + 1) % 8]]);
      expect((row.snapshot as { context: { dates: Record<string, string> } }).context.dates.assignedAt).toBe(
        NOW.toISOString(),
      );
    }
    const [first] = rows.filter((r) => r.id === caseOf.get("001"));
    expect(first!.keySupervision).toBe(true);
    const page = await inCounty((tx) => getMeeting(tx, admin, sessionId, meetingId));
    expect(page.meeting).toMatchObject({ assignedCount: 99, assignedAt: NOW });
    expect(page.pending).toBe(0);
    expect(page.suggestions.map((s) => s.number)).toEqual(["101", "102"]);
    expect(page.assignedUnits.find((u) => u.id === units[0])).toMatchObject({ name: "交通运输局", lead: 13, co: 12 });
    // Nothing left to send.
    const again = await refusal(inCounty((tx) => assignAtMeeting(tx, admin, sessionId, meetingId)));
    expect(again).toMatchObject({ formError: "meetings.nothingToAssign" });
  });

  it("prints each unit's 交办单: its 主办 and 协办 suggestions, answered within three months", async () => {
    const sheet = await inCounty((tx) => unitSheet(tx, admin, sessionId, meetingId, units[1]!));
    expect(sheet).toMatchObject({ county: "西乡塘区", unit: { name: "教育局" }, assignedOn: "2027-02-20" });
    expect(sheet.lead.map((r) => r.number)).toEqual(
      Array.from({ length: 13 }, (_, k) => String(k * 8 + 2).padStart(3, "0")).filter((n) => Number(n) <= 100),
    );
    // 001 had its co-units taken off; 007 was assigned by the other meeting.
    expect(sheet.co.map((r) => r.number)).toEqual(
      Array.from({ length: 13 }, (_, k) => String(k * 8 + 1).padStart(3, "0")).filter(
        (n) => n !== "001" && Number(n) <= 100,
      ),
    );
    expect(sheet.lead[0]).toMatchObject({ title: "关于学校周边交通安全的建议（2）", leadDeputyName: "韦建国" });
    // From 2027-02-20: the corresponding day three months on, 2027-05-20 (a Thursday).
    expect(sheet.lead[0]!.dueOn).toBe("2027-05-20");
    await expect(inCounty((tx) => unitSheet(tx, admin, sessionId, meetingId, units[8]!))).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(
      inCounty((tx) => unitSheet(tx, admin, sessionId, meetingId, crypto.randomUUID())),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
