import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Actor } from "@rdlink/auth";
import { handlingUnits, type TenantTx, townships, votingCandidates, votingMeetings } from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../clock";
import { withStagedFiles } from "../files/staged-files";
import { realMemberOf } from "../testing/actors";
import { onboardTestCounty } from "../testing/counties";
import { getStreetPage } from "./get-street-page";
import { getVotingFigures } from "./get-voting-figures";
import { recordAcceptance, reportProgress, setProjectUnit } from "./supervise-project";

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error as Error,
  );

describe.each(testDrivers())("supervision of chosen livelihood projects on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;
  let street: string;
  let staff: { actor: Actor; ip: null; clock: ManualClock };
  /** A published meeting's two candidates: one chosen, one not (as publishResults leaves them). */
  const candidateIds: string[] = [];
  const clock = new ManualClock(new Date("2026-06-01T02:00:00Z"));
  const inCounty = <T>(work: (tx: TenantTx) => Promise<T>) => t.db.withTenant(tenantId, work);

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    ({ tenantId } = await onboardTestCounty(t.db, "450107", clock));
    const [first] = await inCounty((tx) => tx.select({ id: townships.id }).from(townships).limit(1));
    street = first!.id;
    staff = { actor: await realMemberOf(t.db, tenantId, "township_operator", [street]), ip: null, clock };
    await inCounty(async (tx) => {
      const [meeting] = await tx
        .insert(votingMeetings)
        .values({
          townshipId: street,
          name: "2026年选民代表会议",
          year: 2026,
          heldOn: "2026-03-01",
          rule: "majority",
          status: "published",
          codeSecret: "x",
        })
        .returning();
      for (const [title, status] of [
        ["背街小巷路灯", "chosen"],
        ["口袋公园", "notChosen"],
      ] as const) {
        const [c] = await tx
          .insert(votingCandidates)
          .values({
            townshipId: street,
            year: 2026,
            title,
            description: `${title}项目`,
            costYuan: 200_000,
            proposerKind: "office",
            meetingId: meeting!.id,
            status,
            votesFor: status === "chosen" ? 60 : 20,
            votesAgainst: 10,
            rank: status === "chosen" ? 1 : 2,
          })
          .returning();
        candidateIds.push(c!.id);
      }
    });
  });
  afterAll(() => t?.drop());

  it("supervises a chosen project: its unit, progress with photos, completion and the representatives' 验单", async () => {
    const [project] = candidateIds;
    const [unit] = await inCounty((tx) => tx.insert(handlingUnits).values({ name: "街道城建办" }).returning());
    // Only chosen projects are supervised.
    expect(
      (await refusal(inCounty((tx) => setProjectUnit(tx, staff, candidateIds[1]!, { handlingUnitId: unit!.id }))))!
        .message,
    ).toBe("voting.errors.notChosen");
    await inCounty((tx) => setProjectUnit(tx, staff, project!, { handlingUnitId: unit!.id }));
    // 验单 waits for completion.
    const acceptance = { acceptedOn: "2026-12-20", satisfied: "80", basic: "10", unsatisfied: "5" };
    expect((await refusal(inCounty((tx) => recordAcceptance(tx, staff, project!, acceptance))))!.message).toBe(
      "voting.errors.projectNotCompleted",
    );
    const dir = mkdtempSync(path.join(tmpdir(), "voting-photos-"));
    const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#3a3" } })
      .jpeg()
      .toBuffer();
    for (const [percent, milestone] of [
      ["40", "开工"],
      ["100", "完工"],
    ] as const) {
      await withStagedFiles(dir, (staged) =>
        inCounty((tx) =>
          reportProgress(
            tx,
            staff,
            project!,
            { milestone, percent, reportedOn: "2026-06-01" },
            {
              uploads: [{ bytes: photo, filename: "现场.jpg", declaredType: "image/jpeg" }],
              staged,
            },
          ),
        ),
      );
    }
    expect(readdirSync(dir).filter((f) => f.endsWith(".jpg"))).toHaveLength(2);
    await inCounty((tx) => recordAcceptance(tx, staff, project!, acceptance));
    const page = await t.db.withoutTenant((tx) => getStreetPage(tx, "450107", street));
    const shown = page.meetings[0]!.candidates.find((c) => c.id === project)!;
    expect(shown.progress.map((p) => [p.milestone, p.percent, p.photos.length])).toEqual([
      ["开工", 40, 1],
      ["完工", 100, 1],
    ]);
    const [figures] = await inCounty((tx) => getVotingFigures(tx, staff, { year: 2026 }));
    expect(figures).toMatchObject({ chosen: 1, completed: 1 });
  });
});
