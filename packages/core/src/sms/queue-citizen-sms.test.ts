import type { StepWrite } from "@rdlink/workflow";
import { describe, expect, it } from "vitest";
import { citizenStepOf } from "./queue-citizen-sms";
import { withoutPhoneNumbers } from "./tencent-sms-channel";

/** A step as the runtime writes it, with only what citizenStepOf reads. */
function step(options: {
  data?: Record<string, unknown>;
  leftState?: string | null;
  desk?: { assigneeScope: string | null; closes: boolean };
}): StepWrite {
  return {
    event: { data: options.data ?? {} },
    leftState: options.leftState ?? null,
    change: {
      desk: options.desk && { assigneeRole: null, assigneeTeam: null, dueAt: null, warnAt: null, ...options.desk },
    },
  } as unknown as StepWrite;
}

describe("which public step a workflow step is for the citizen", () => {
  it("an answer the tracking page shows, even when it also closes the case", () => {
    expect(citizenStepOf(step({ data: { replyContent: "已更换路灯" }, leftState: "handling" }))).toBe("answered");
    expect(citizenStepOf(step({ data: { answer: "已答复" }, desk: { assigneeScope: null, closes: true } }))).toBe(
      "answered",
    );
    // A blank answer is none.
    expect(citizenStepOf(step({ data: { replyContent: "  " }, leftState: "handling" }))).toBeNull();
  });

  it("reaching a closing state", () => {
    expect(citizenStepOf(step({ leftState: "replied", desk: { assigneeScope: null, closes: true } }))).toBe("closed");
  });

  it("entering a handling unit's desk from elsewhere; staying there, or internal notes, say nothing", () => {
    expect(
      citizenStepOf(step({ leftState: "assignment", desk: { assigneeScope: "handlingUnit", closes: false } })),
    ).toBe("assigned");
    expect(citizenStepOf(step({ leftState: null }))).toBeNull();
    expect(
      citizenStepOf(
        step({
          data: { reviewNote: "内部意见" },
          leftState: "registered",
          desk: { assigneeScope: "station", closes: false },
        }),
      ),
    ).toBeNull();
  });
});

describe("provider messages as the outbox keeps them", () => {
  it("mask every mobile number, with or without +86", () => {
    expect(withoutPhoneNumbers("+8613812345678 超出单日上限; 13912345678 空号")).toBe(
      "+86138****5678 超出单日上限; 139****5678 空号",
    );
    expect(withoutPhoneNumbers("LimitExceeded: no number here 12345")).toBe("LimitExceeded: no number here 12345");
  });
});
