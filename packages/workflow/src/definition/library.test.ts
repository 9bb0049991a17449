import { describe, expect, it } from "vitest";
import { guardCouldHold, guardFields } from "./library";

const view = { values: { category: "城乡建设" }, counters: { redo: 2 }, role: "county_admin" as const };
const isFastTrack = { type: "fieldEquals", params: { field: "category", value: "随手拍" } };

describe("guardCouldHold: whether a step is offered", () => {
  it("offers a step without a guard", () => {
    expect(guardCouldHold(undefined, view, new Set())).toBe(true);
  });

  it("does not offer a step whose guard fails on the case as it stands", () => {
    expect(guardCouldHold(isFastTrack, view, new Set())).toBe(false);
    expect(guardCouldHold({ type: "counterBelow", params: { counter: "redo", value: 2 } }, view, new Set())).toBe(
      false,
    );
  });

  it("offers a step whose guard reads what the step's own form fills in, nested guards included", () => {
    expect(guardCouldHold(isFastTrack, view, new Set(["category"]))).toBe(true);
    const nested = {
      type: "allOf",
      params: { guards: [{ type: "fieldEquals", params: { field: "satisfaction", value: "no" } }, isFastTrack] },
    };
    expect(guardFields(nested)).toEqual(["satisfaction", "category"]);
    expect(guardCouldHold(nested, view, new Set(["satisfaction", "category"]))).toBe(true);
    expect(guardCouldHold(nested, view, new Set())).toBe(false);
  });

  it("does not offer a step when one part of an allOf cannot hold, whatever the form fills in", () => {
    const afterAMeeting = {
      type: "allOf",
      params: {
        guards: [
          { type: "fieldPresent", params: { field: "answer" } },
          { type: "counterAtLeast", params: { counter: "meetings", value: 1 } },
        ],
      },
    };
    const form = new Set(["answer"]);
    expect(guardCouldHold(afterAMeeting, view, form)).toBe(false);
    expect(guardCouldHold(afterAMeeting, { ...view, counters: { meetings: 1 } }, form)).toBe(true);
    const either = { type: "anyOf", params: { guards: [isFastTrack, afterAMeeting] } };
    expect(guardCouldHold(either, view, form)).toBe(false);
    expect(guardCouldHold(either, view, new Set(["category"]))).toBe(true);
  });

  it("offers it when the guard holds", () => {
    expect(guardCouldHold(isFastTrack, { ...view, values: { category: "随手拍" } }, new Set())).toBe(true);
  });
});
