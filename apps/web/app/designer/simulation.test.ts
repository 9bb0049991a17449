import { calendarFromDays, defaultCalendarDays, WORKFLOW_TEMPLATES, ZWorkflowDefinition } from "@rdlink/workflow";
import { describe, expect, it } from "vitest";
import { Simulation } from "./simulation";

const definition = ZWorkflowDefinition.parse(WORKFLOW_TEMPLATES.find((t) => t.key === "citizenOpinion"));
const calendar = calendarFromDays(defaultCalendarDays(2026));
/** Monday 2026-09-28 10:00 in Asia/Shanghai, the week before 国庆. */
const MONDAY = new Date("2026-09-28T02:00:00Z");
const UNIT = "7d1a3b8e-2f6c-4a5b-9c0d-1e2f3a4b5c6d";

describe("simulating a case on the draft", () => {
  it("runs 群众意见建议办理 to 办结 as the right roles, with the acceptance deadline fired by the clock", async () => {
    const sim = await Simulation.start(definition, calendar, MONDAY);
    expect(sim.state).toBe("registered");
    expect(sim.eventsFor("deputy")).toEqual([]);
    expect(sim.eventsFor("station_liaison").map((t) => t.event)).toEqual(["SUBMIT_REVIEW"]);

    expect(await sim.send("SUBMIT_REVIEW", "deputy", { summary: "路灯" })).toEqual({
      ok: false,
      code: "eventNotPermitted",
    });
    expect(await sim.send("SUBMIT_REVIEW", "station_liaison", {})).toEqual({
      ok: false,
      code: "invalidData",
      fieldErrors: { summary: "validation.required" },
    });
    expect(await sim.send("SUBMIT_REVIEW", "station_liaison", { summary: "路灯" })).toEqual({ ok: true });
    // The guard sees the form: a common issue cannot be handed over on the spot.
    expect((await sim.send("HAND_OVER", "station_liaison", { issueScope: "common" })).ok).toBe(false);
    expect(await sim.send("HAND_OVER", "station_liaison", { issueScope: "individual" })).toEqual({ ok: true });
    expect(await sim.send("ASSIGN", "county_admin", { handlingUnit: UNIT })).toEqual({ ok: true });
    expect(sim.state).toBe("acceptance");

    // Three working days from Monday 28 September, across 国庆: the holiday does not count.
    const fired = await sim.advanceToNextDeadline();
    expect(fired).toMatchObject({ deadlineId: "returnWindow", event: "ACCEPT" });
    expect(sim.now.toISOString()).toBe("2026-10-08T16:00:00.000Z"); // the end of Thursday 8 October
    expect(sim.state).toBe("handling");

    expect(await sim.send("REPLY", "handling_unit_responder", { replyContent: "已修复" })).toEqual({ ok: true });
    expect(await sim.send("RATE", "citizen", { satisfaction: "satisfied" })).toEqual({ ok: true });
    expect(sim.state).toBe("closed");
    expect(definition.states[sim.state]?.label["zh-CN"]).toBe("办结");

    const trace = sim.trace();
    expect(trace.map((e) => `${e.type}→${e.toState}`)).toEqual([
      "CASE_STARTED→registered",
      "SUBMIT_REVIEW→stationReview",
      "HAND_OVER→assignment",
      "ASSIGN→acceptance",
      "ACCEPT→handling",
      "REPLY→replied",
      "RATE→closed",
    ]);
    expect(trace[4]).toMatchObject({ actorRole: "system" });
    expect(trace[3]?.notifications.map((n) => n.payload.template)).toEqual(["case.assigned"]);
  });

  it("fires a warning rung that only notifies without leaving the state", async () => {
    const sim = await Simulation.start(definition, calendar, MONDAY);
    const fired = await sim.advanceToNextDeadline();
    expect(fired).toMatchObject({ deadlineId: "register", event: null, notify: { template: "case.deadline.due" } });
    expect(sim.state).toBe("registered");
    expect(sim.trace().at(-1)).toMatchObject({ type: "DEADLINE_REACHED", notifications: [{ kind: "notify" }] });
    expect(await sim.advanceToNextDeadline()).toBeNull();
  });
});
