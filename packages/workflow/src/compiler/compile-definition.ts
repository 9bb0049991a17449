import { assign, setup } from "xstate";
import { contentHash } from "../definition/content-hash";
import type { TWorkflowDefinition } from "../definition/definition-schema";
import { actionLibrary, type CaseContext, type CaseEvent, guardLibrary, testGuard } from "../definition/library";

type Params = Record<string, unknown>;

/**
 * The XState machine a definition means. Guards and actions come only from the library,
 * by name with their parameters; a transition first records the event's form data into
 * the case's fields, then runs its actions in order. `notify` stays a named action that
 * `transition()` hands back to the runtime, which queues it in the outbox.
 */
function buildMachine(definition: TWorkflowDefinition) {
  const guards = Object.fromEntries(
    Object.keys(guardLibrary).map((type) => [
      type,
      ({ context, event }: { context: CaseContext; event: CaseEvent }, params: Params) =>
        testGuard(
          { type, params },
          // An automatic transition checked at the start sees the init event, which has no actor.
          {
            values: { ...context.fields, ...event.data },
            counters: context.counters,
            role: event.actor?.role ?? "system",
          },
        ),
    ]),
  );
  const actions = Object.fromEntries(
    Object.entries(actionLibrary).map(([name, entry]) => {
      const apply = "apply" in entry ? (entry.apply as (c: CaseContext, e: CaseEvent, p: Params) => CaseContext) : null;
      // Side effects do nothing here; transition() returns them to the runtime.
      if (!apply) return [name, () => {}];
      return [
        name,
        assign(({ context, event }: { context: CaseContext; event: CaseEvent }, params: Params) =>
          apply(context, event, params),
        ),
      ];
    }),
  );

  return setup({
    types: {} as { context: CaseContext; events: CaseEvent; input: Partial<CaseContext> | undefined },
    guards: guards as Record<string, (args: { context: CaseContext; event: CaseEvent }, params: Params) => boolean>,
    actions: {
      ...(actions as Record<string, never>),
      recordForm: assign(({ context, event }) => ({ fields: { ...context.fields, ...event.data } })),
    },
  }).createMachine({
    id: definition.key,
    initial: definition.initial,
    context: ({ input }) => ({
      fields: input?.fields ?? {},
      counters: input?.counters ?? {},
      dates: input?.dates ?? {},
      handlingUnitId: input?.handlingUnitId ?? null,
    }),
    states: Object.fromEntries(
      Object.entries(definition.states).map(([id, state]) => {
        const on: Record<string, unknown[]> = {};
        const always: unknown[] = [];
        for (const transition of state.transitions) {
          const compiled = {
            target: transition.target,
            guard: transition.guard ? { type: transition.guard.type, params: transition.guard.params } : undefined,
            actions: [{ type: "recordForm" }, ...transition.actions.map((a) => ({ type: a.type, params: a.params }))],
          };
          if (transition.auto) always.push(compiled);
          else on[transition.event] = [...(on[transition.event] ?? []), compiled];
        }
        return [id, state.kind === "final" ? { type: "final" as const } : { on, always }];
      }),
    ) as never,
  });
}

export type CaseMachine = ReturnType<typeof buildMachine>;

const cache = new Map<string, CaseMachine>();

/** Compiled machines by content hash: a definition is compiled once per process. */
export function compileDefinition(definition: TWorkflowDefinition, hash = contentHash(definition)): CaseMachine {
  let machine = cache.get(hash);
  if (!machine) {
    machine = buildMachine(definition);
    if (cache.size > 500) cache.clear();
    cache.set(hash, machine);
  }
  return machine;
}
