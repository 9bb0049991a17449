import type { Actor } from "@rdlink/auth";
import { testDrivers } from "@rdlink/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notificationTestCounty } from "../notifications/notification-test-county";
import { NotFoundError } from "../shared/errors";
import { loadCaseInScope, lockCaseForStep } from "./load-case-in-scope";

/**
 * A step locks its case with a statement kept per kind of reach, the actor's ids its placeholders
 * (`lockCaseForStep`); opening a case builds the same scope with the ids as values
 * (`loadCaseInScope`). Both must find the same cases for everyone: a step never reaches a case its
 * actor cannot open, nor is refused one they can.
 */
describe.each(testDrivers())("the case a step locks, on %s", (driver) => {
  const county = notificationTestCounty(driver);
  const { people, inCounty, assignedCase, openCase, act } = county;
  const caseIds: Record<string, string> = {};

  beforeAll(async () => {
    const c = await county.setUp();
    caseIds.atUnit1 = await assignedCase("路灯不亮");
    const { caseId } = await openCase("井盖缺失");
    await act("liaisonA", caseId, "SUBMIT_REVIEW", { summary: "井盖缺失" });
    await act("liaisonA", caseId, "HAND_OVER", { issueScope: "individual" });
    await act("admin", caseId, "ASSIGN", { handlingUnit: c.unit2 });
    caseIds.atUnit2 = caseId;
    caseIds.registered = (await openCase("垃圾清运不及时")).caseId;
  });
  afterAll(() => county.drop());

  const found = async (work: () => Promise<unknown>) => {
    try {
      await work();
      return true;
    } catch (error) {
      if (error instanceof NotFoundError) return false;
      throw error;
    }
  };

  it("finds a case exactly when opening it does, for every role and case", async () => {
    const withTeam: Actor = { ...people.operatorB!.actor, teams: ["petitionOffice"] };
    const actors: Record<string, Actor> = {
      ...Object.fromEntries(Object.entries(people).map(([name, ctx]) => [name, ctx.actor])),
      operatorBInTeam: withTeam,
    };
    const outcomes: boolean[] = [];
    for (const [who, actor] of Object.entries(actors)) {
      for (const [which, caseId] of Object.entries(caseIds)) {
        const opens = await inCounty((tx) => found(() => loadCaseInScope(tx, actor, caseId)));
        const locks = await inCounty((tx) => found(() => lockCaseForStep(tx, actor, caseId)));
        expect({ who, which, locks }).toEqual({ who, which, locks: opens });
        outcomes.push(opens);
      }
    }
    // Not vacuous: some find each case, some do not.
    expect(outcomes.filter((o) => o).length).toBeGreaterThanOrEqual(8);
    expect(outcomes.filter((o) => !o).length).toBeGreaterThanOrEqual(8);
    // An id that is not a case, or not an id at all, is not found either.
    const admin = people.admin!.actor;
    expect(await inCounty((tx) => found(() => lockCaseForStep(tx, admin, crypto.randomUUID())))).toBe(false);
    expect(await inCounty((tx) => found(() => lockCaseForStep(tx, admin, "not-an-id")))).toBe(false);
  });
});
