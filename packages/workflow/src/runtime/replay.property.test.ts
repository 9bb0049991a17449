import type { TFieldDefinition } from "@rdlink/forms";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { calendarFromDays, defaultCalendarDays } from "../calendar";
import { canonicalJson } from "../definition/content-hash";
import { type TActorRole, ZWorkflowDefinition } from "../definition/definition-schema";
import { WORKFLOW_TEMPLATES } from "../templates";
import { applyEvent, startCase } from "./case-runtime";
import { WorkflowError } from "./errors";
import { fireTimer } from "./fire-timer";
import { MemoryCaseStore } from "./memory-case-store";
import { replayEvents } from "./replay-events";

/** A value the field accepts, chosen by `seed`, so that guards on it go either way. */
function valueFor(field: TFieldDefinition, seed: number): unknown {
  switch (field.type) {
    case "select":
      return field.options![seed % field.options!.length]!.value;
    case "multiSelect":
      return [field.options![seed % field.options!.length]!.value];
    case "number":
      return (field.min ?? 0) + (seed % 50);
    case "date":
      return "2026-10-01";
    case "yesNo":
      return seed % 2 === 0;
    case "phone":
      return "13800138000";
    case "text":
    case "longText":
      return `意见 ${seed}`;
    default:
      return "7d1a3b8e-2f6c-4a5b-9c0d-1e2f3a4b5c6d";
  }
}

type Step = { pick: number; seed: number; timer: boolean; minutes: number };
const step = fc.record({
  pick: fc.nat(),
  seed: fc.nat(),
  timer: fc.boolean(),
  minutes: fc.integer({ min: 1, max: 60 * 24 * 20 }),
});

describe.each(WORKFLOW_TEMPLATES.map((t) => [t.key, ZWorkflowDefinition.parse(t)] as const))(
  "replaying random cases of %s",
  (_key, definition) => {
    it("reproduces every stored snapshot exactly from its event log", async () => {
      const calendar = calendarFromDays(defaultCalendarDays(2026));
      await fc.assert(
        fc.asyncProperty(fc.array(step, { maxLength: 40 }), async (steps: Step[]) => {
          const store = new MemoryCaseStore(calendar);
          store.addVersion("v", definition);
          let now = new Date("2026-09-20T01:00:00Z").getTime();
          await startCase(store, {
            caseId: "c",
            versionId: "v",
            data: { content: "初始" },
            actor: { userId: null, roles: ["citizen"] },
            now: new Date(now),
          });
          for (const { pick, seed, timer, minutes } of steps) {
            now += minutes * 60_000;
            const current = store.cases.get("c")!;
            const due = [...store.timers.values()]
              .filter((t) => t.dueAt.getTime() <= now)
              .sort((a, b) => +a.dueAt - +b.dueAt);
            if (timer && due.length > 0) {
              await fireTimer(store, due[0]!.id, new Date(now));
              continue;
            }
            const state = definition.states[current.state]!;
            const choices = state.transitions.filter((t) => t.roles.some((r) => r !== "system"));
            if (choices.length === 0) continue;
            const chosen = choices[pick % choices.length]!;
            const role = chosen.roles.find((r) => r !== "system") as TActorRole;
            // The step's own form when it has one (a 面商's), else its state's.
            const form = chosen.form && chosen.form.length > 0 ? chosen.form : state.form;
            const data = Object.fromEntries(form.map((f, i) => [f.key, valueFor(f, seed + i)]));
            try {
              await applyEvent(
                store,
                "c",
                { type: chosen.event, data },
                {
                  expectedSeq: current.seq,
                  actor: { userId: `user-${role}`, roles: [role] },
                  now: new Date(now),
                  idempotencyKey: `k${seed}-${store.events.length}`,
                },
              );
            } catch (error) {
              // A guard that does not hold for this data: refused, and nothing changed.
              if (!(error instanceof WorkflowError) || error.code !== "eventNotAvailable") throw error;
            }
          }
          const stored = store.cases.get("c")!;
          const events = store.eventsOf("c");
          expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
          expect(stored.seq).toBe(events.length);
          expect(canonicalJson(replayEvents(definition, events))).toBe(canonicalJson(stored.snapshot));
        }),
        { numRuns: 2000 },
      );
    }, 120_000);
  },
);
