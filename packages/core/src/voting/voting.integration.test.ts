import type { Actor } from "@rdlink/auth";
import {
  auditLog,
  selectRows,
  type TenantTx,
  townships,
  votingBallots,
  votingParticipations,
  votingTallyEntries,
} from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { count, eq, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../clock";
import { ConflictError, NotFoundError, ValidationError } from "../shared/errors";
import { realMemberOf } from "../testing/actors";
import { onboardTestCounty } from "../testing/counties";
import { addCandidate } from "./add-candidate";
import { castBallot } from "./cast-ballot";
import { closeVoting } from "./close-voting";
import { createVotingMeeting } from "./create-voting-meeting";
import { clearTally, enterTally } from "./enter-tally";
import { getStreetPage } from "./get-street-page";
import { getVotingFigures } from "./get-voting-figures";
import { getVotingMeeting } from "./get-voting-meeting";
import { importRepresentatives } from "./import-representatives";
import { issuePaperBallots } from "./issue-paper-ballots";
import { openVoting } from "./open-voting";
import { publishResults } from "./publish-results";
import { recordPresence } from "./record-presence";
import { screenCandidate } from "./screen-candidate";

const NOW = new Date("2026-03-01T02:00:00Z");

/** A roster of `n` representatives of 第二届 (2021-12-01 – 2026-11-30), as a street's xlsx. */
async function roster(n: number, extra: string[][] = []) {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("选民代表");
  sheet.addRow(["昭阳街道第二届选民代表名册"]);
  sheet.addRow(["姓名", "代表小组", "手机", "届次", "任期开始", "任期结束"]);
  for (let i = 1; i <= n; i++) {
    sheet.addRow([
      `代表${String(i).padStart(3, "0")}`,
      `第${(i % 5) + 1}小组`,
      "",
      "第二届",
      "2021-12-01",
      "2026-11-30",
    ]);
  }
  for (const row of extra) sheet.addRow(row);
  return { name: "roster.xlsx", bytes: new Uint8Array(await book.xlsx.writeBuffer()) };
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error as Error & { values?: Record<string, string> },
  );

describe.each(testDrivers())("民生实事项目票决 on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;
  let street: string;
  let staff: { actor: Actor; ip: null; clock: ManualClock };
  let counter2: { actor: Actor; ip: null; clock: ManualClock };
  let meetingId: string;
  const candidateIds: string[] = [];
  /** Ballot codes by representative id, from the slips page. */
  let codes: { id: string; code: string | null }[] = [];
  const clock = new ManualClock(NOW);
  const inCounty = <T>(work: (tx: TenantTx) => Promise<T>) => t.db.withTenant(tenantId, work);
  const ballot = (code: unknown, form: Record<string, string>) =>
    t.db.withoutTenant((tx) => castBallot(tx, code, form, clock));
  const counts = () =>
    inCounty(async (tx) => {
      const [[b], [p], [e]] = await Promise.all([
        tx.select({ n: count() }).from(votingBallots),
        tx.select({ n: count() }).from(votingParticipations),
        tx.select({ n: count() }).from(votingTallyEntries),
      ]);
      return { ballots: b!.n, participations: p!.n, tallyEntries: e!.n };
    });

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    ({ tenantId } = await onboardTestCounty(t.db, "450107", clock));
    const [first] = await inCounty((tx) => tx.select({ id: townships.id }).from(townships).limit(1));
    street = first!.id;
    staff = { actor: await realMemberOf(t.db, tenantId, "township_operator", [street]), ip: null, clock };
    counter2 = { actor: await realMemberOf(t.db, tenantId, "township_operator", [street]), ip: null, clock };
  });
  afterAll(() => t?.drop());

  it("imports 120 representatives from an xlsx, all or nothing", async () => {
    // A representative twice in one term, a bad phone, a term that ends before it starts: the whole file is refused.
    const file = await roster(3, [["代表001", "第1小组", "123", "第二届", "2021-12-01", "2020-01-01"]]);
    const refused = await inCounty((tx) => importRepresentatives(tx, staff, street, file));
    expect(refused.imported).toBe(0);
    expect(refused.errors.map((e) => e.message).sort()).toEqual(
      ["validation.invalidPhone", "voting.import.nameTaken", "voting.import.termBackwards"].sort(),
    );
    const done = await inCounty(async (tx) => importRepresentatives(tx, staff, street, await roster(120)));
    expect(done).toMatchObject({ imported: 120, errors: [] });
    // Another street's operator does not reach this one.
    const other = await realMemberOf(t.db, tenantId, "township_operator", [crypto.randomUUID()]);
    expect(
      await refusal(
        inCounty(async (tx) => importRepresentatives(tx, { ...staff, actor: other }, street, await roster(1))),
      ),
    ).toBeTruthy();
  });

  it("screens candidates onto a meeting's ballot and drops one with a reason", async () => {
    const meeting = await inCounty((tx) =>
      createVotingMeeting(tx, staff, street, {
        name: "2026年第一次选民代表会议",
        year: "2026",
        heldOn: "2026-03-01",
        rule: "majority",
      }),
    );
    meetingId = meeting.id;
    for (let i = 1; i <= 9; i++) {
      const c = await inCounty((tx) =>
        addCandidate(tx, staff, street, {
          year: "2026",
          title: `候选项目${i}`,
          description: `第${i}个民生实事项目的内容`,
          costWan: String(10 * i),
          proposerKind: i % 2 ? "office" : "deputy",
        }),
      );
      candidateIds.push(c.id);
    }
    for (const id of candidateIds.slice(0, 8)) {
      await inCounty((tx) => screenCandidate(tx, staff, { decision: "list", candidateId: id, meetingId }));
    }
    await inCounty((tx) =>
      screenCandidate(tx, staff, { decision: "drop", candidateId: candidateIds[8]!, reason: "不属于街道事权" }),
    );
    const page = await inCounty((tx) => getVotingMeeting(tx, staff, meetingId));
    expect(page.candidates).toHaveLength(8);
  });

  it("opens voting only with more than half present, and refuses ballots before it opens", async () => {
    const all = (await inCounty((tx) => getVotingMeeting(tx, staff, meetingId))).representatives.map((r) => r.id);
    // 60 of 120 is half, not more than half.
    await inCounty((tx) =>
      recordPresence(tx, staff, meetingId, { representativeIds: all.slice(0, 60), present: "yes" }),
    );
    const noQuorum = await refusal(inCounty((tx) => openVoting(tx, staff, meetingId)));
    expect(noQuorum).toBeInstanceOf(ConflictError);
    expect(noQuorum!.message).toBe("voting.errors.noQuorum");
    expect(noQuorum!.values).toEqual({ present: "60", eligible: "120" });
    await inCounty((tx) =>
      recordPresence(tx, staff, meetingId, { representativeIds: all.slice(60, 95), present: "yes" }),
    );
    codes = (await inCounty((tx) => getVotingMeeting(tx, staff, meetingId, { withCodes: true }))).representatives;
    const early = await refusal(ballot(codes[0]!.code, { [`c.${candidateIds[0]}`]: "for" }));
    expect(early!.message).toBe("voting.errors.notOpen");
    await inCounty((tx) => openVoting(tx, staff, meetingId));
    expect(await counts()).toEqual({ ballots: 0, participations: 0, tallyEntries: 0 });
  });

  it("takes one ballot per representative: 50 concurrent tries make one", async () => {
    const code = codes[0]!.code!;
    const tries = await Promise.allSettled(
      Array.from({ length: 50 }, () => ballot(code, { [`c.${candidateIds[0]}`]: "for" })),
    );
    expect(tries.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refusals = tries.flatMap((r) => (r.status === "rejected" ? [(r.reason as Error).message] : []));
    expect(new Set(refusals)).toEqual(new Set(["voting.errors.alreadyVoted"]));
    expect(await counts()).toMatchObject({ ballots: 1, participations: 1 });
  });

  it("refuses an unknown candidate, an absent representative's code and a made-up code, writing nothing", async () => {
    const before = await counts();
    const unknown = await refusal(ballot(codes[1]!.code, { [`c.${candidateIds[8]}`]: "for" }));
    expect(unknown).toBeInstanceOf(ValidationError);
    expect((unknown as ValidationError).formError).toBe("voting.errors.unknownCandidate");
    expect(await refusal(ballot(codes[1]!.code, { [`c.${candidateIds[0]}`]: "maybe" }))).toBeInstanceOf(
      ValidationError,
    );
    const absent = codes.find((r) => r.code === null);
    expect(absent).toBeDefined();
    expect(await refusal(ballot("450107-ABCDEFGHJK", {}))).toBeInstanceOf(NotFoundError);
    expect(await counts()).toEqual(before);
  });

  it("keeps the ballot table free of any link to the voter", async () => {
    const columns = await t.db.withoutTenant((tx) =>
      selectRows<{ column_name: string }>(
        tx,
        sql`select column_name from information_schema.columns where table_name = 'voting_ballots' order by ordinal_position`,
      ),
    );
    expect(columns.map((c) => c.column_name)).toEqual([
      "tenant_id",
      "id",
      "meeting_id",
      "receipt",
      "approved",
      "rejected",
    ]);
    const participationColumns = await t.db.withoutTenant((tx) =>
      selectRows<{ column_name: string }>(
        tx,
        sql`select column_name from information_schema.columns where table_name = 'voting_participations' order by ordinal_position`,
      ),
    );
    expect(participationColumns.map((c) => c.column_name)).toEqual([
      "tenant_id",
      "id",
      "meeting_id",
      "representative_id",
      "channel",
    ]);
    // The audit trail records that a ballot came in, not whose, nor its receipt.
    const entries = await inCounty((tx) => tx.select().from(auditLog).where(eq(auditLog.action, "voting.ballot_cast")));
    expect(entries).toHaveLength(1);
    expect(entries[0]!.actorUserId).toBeNull();
    expect(entries[0]!.detail).toEqual({});
  });

  it("counts online and paper ballots; the paper tally stands only when two staff agree", async () => {
    // 69 more on the phone (70 in all): candidates 1–4 for, 5 against, others abstain.
    for (const r of codes.filter((c) => c.code).slice(1, 70)) {
      await ballot(r.code, {
        [`c.${candidateIds[0]}`]: "for",
        [`c.${candidateIds[1]}`]: "for",
        [`c.${candidateIds[2]}`]: "for",
        [`c.${candidateIds[3]}`]: "for",
        [`c.${candidateIds[4]}`]: "against",
      });
    }
    const paperIds = codes
      .filter((c) => c.code)
      .slice(70, 94)
      .map((c) => c.id);
    await inCounty((tx) => issuePaperBallots(tx, staff, meetingId, { representativeIds: paperIds }));
    // One who took a paper ballot cannot vote on the phone as well.
    const twice = await refusal(ballot(codes.find((c) => c.id === paperIds[0])!.code, {}));
    expect(twice!.message).toBe("voting.errors.alreadyVoted");
    // Too early for the tally: voting is open.
    expect((await refusal(inCounty((tx) => enterTally(tx, staff, meetingId, { ballots: "24" }))))!.message).toBe(
      "voting.errors.tallyNotNow",
    );
    await inCounty((tx) => closeVoting(tx, staff, meetingId));
    // Closed: the one present representative who had not voted is refused, nothing written.
    const before = await counts();
    const unvoted = (
      await inCounty((tx) => getVotingMeeting(tx, staff, meetingId, { withCodes: true }))
    ).representatives.filter((r) => r.present && !r.voted);
    expect(unvoted).toHaveLength(1);
    const late = await refusal(ballot(unvoted[0]!.code, { [`c.${candidateIds[0]}`]: "for" }));
    expect(late!.message).toBe("voting.errors.notOpen");
    expect(await counts()).toEqual(before);
    // Closing re-wrote the ballots in one transaction: none shares a writing transaction with a participation.
    const xmins = await inCounty(async (tx) => ({
      ballots: await selectRows<{ x: string }>(tx, sql`select distinct xmin::text as x from voting_ballots`),
      participations: await selectRows<{ x: string }>(
        tx,
        sql`select distinct xmin::text as x from voting_participations`,
      ),
    }));
    expect(xmins.ballots).toHaveLength(1);
    expect(xmins.participations.map((p) => p.x)).not.toContain(xmins.ballots[0]!.x);

    const tally = (for6: number) => ({
      ballots: "24",
      [`for.${candidateIds[0]}`]: "9",
      [`against.${candidateIds[0]}`]: "15",
      [`for.${candidateIds[5]}`]: String(for6),
      [`for.${candidateIds[6]}`]: "24",
    });
    expect(await inCounty((tx) => enterTally(tx, staff, meetingId, tally(20)))).toEqual({ reconciled: false });
    // The same person cannot be the second counter.
    expect((await refusal(inCounty((tx) => enterTally(tx, staff, meetingId, tally(20)))))!.message).toBe(
      "voting.errors.sameCounter",
    );
    // A second count that differs is refused with the project and both counts named.
    const mismatch = await refusal(inCounty((tx) => enterTally(tx, counter2, meetingId, tally(21))));
    expect(mismatch!.message).toBe("voting.errors.tallyMismatch");
    expect(mismatch!.values).toEqual({ title: "候选项目6", first: "20/0", second: "21/0" });
    expect((await counts()).tallyEntries).toBe(1);
    // More votes than ballots, or an unknown candidate, never count.
    expect(
      (await refusal(inCounty((tx) => enterTally(tx, counter2, meetingId, { ...tally(20), ballots: "25" }))))!.message,
    ).toBe("validation.invalid (ballots: voting.errors.moreBallotsThanIssued)");
    expect(
      await refusal(
        inCounty((tx) => enterTally(tx, counter2, meetingId, { ...tally(20), [`for.${candidateIds[8]}`]: "1" })),
      ),
    ).toBeInstanceOf(ValidationError);
    // Publishing waits for the reconciled tally.
    expect((await refusal(inCounty((tx) => publishResults(tx, staff, meetingId))))!.message).toBe(
      "voting.errors.tallyPending",
    );
    // The first entry was the wrong one: cleared, entered again by both.
    await inCounty((tx) => clearTally(tx, staff, meetingId));
    await inCounty((tx) => enterTally(tx, staff, meetingId, tally(21)));
    expect(await inCounty((tx) => enterTally(tx, counter2, meetingId, tally(21)))).toEqual({ reconciled: true });

    const results = await inCounty((tx) => publishResults(tx, staff, meetingId));
    const byTitle = Object.fromEntries(
      await inCounty(async (tx) =>
        (await getVotingMeeting(tx, staff, meetingId)).candidates.map((c) => [
          c.title,
          [c.votesFor, c.votesAgainst, c.status],
        ]),
      ),
    );
    // By hand: 95 present, more than half is 48. Phone: 70 for 1 (1 + 69), 69 for 2–4, 69 against 5;
    // paper (24): 9 for and 15 against 1, 21 for 6, 24 for 7.
    expect(byTitle).toEqual({
      候选项目1: [79, 15, "chosen"],
      候选项目2: [69, 0, "chosen"],
      候选项目3: [69, 0, "chosen"],
      候选项目4: [69, 0, "chosen"],
      候选项目5: [0, 69, "notChosen"],
      候选项目6: [21, 0, "notChosen"],
      候选项目7: [24, 0, "notChosen"],
      候选项目8: [0, 0, "notChosen"],
    });
    expect(results.filter((r) => r.chosen)).toHaveLength(4);
  });

  it("lets a voter check their receipt on the street's public page, and counts the year on the dashboard", async () => {
    const page = await t.db.withoutTenant((tx) => getStreetPage(tx, "450107", street, "NOSUCHRECEIPT"));
    expect(page.checked).toBe("unknown");
    expect(page.meetings[0]!.candidates.filter((c) => c.status === "chosen")).toHaveLength(4);
    const [one] = await inCounty((tx) => tx.select({ receipt: votingBallots.receipt }).from(votingBallots).limit(1));
    const checked = await t.db.withoutTenant((tx) => getStreetPage(tx, "450107", street, one!.receipt.toLowerCase()));
    expect(checked.checked).toMatchObject({ meetingName: "2026年第一次选民代表会议" });
    const figures = await inCounty((tx) => getVotingFigures(tx, staff, { year: 2026 }));
    expect(figures).toEqual([
      expect.objectContaining({
        townshipId: street,
        year: 2026,
        meetings: 1,
        present: 95,
        candidates: 8,
        chosen: 4,
        completed: 0,
      }),
    ]);
  });
});
