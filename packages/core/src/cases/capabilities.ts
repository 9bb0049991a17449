import { type ActionType, mayBeSentBy, type TState, type TTransition } from "@rdlink/workflow";

/**
 * What a county's workflow can do, found by the library actions its transitions carry
 * (交办 `assignHandlingUnit`, 协办 `setCoHandlingUnits` and `coHandlingReply`, 整合
 * `mergeIntoCase`, 评价 `recordSatisfaction`, 签收 `acceptAssignment`, 催办 `urgeHandling`, 重点建议
 * `markKeySupervision`, 回头看's reopening `reopenCase`), never by an event or state name, which the county may rename in the designer.
 */
export type Capability = Extract<
  ActionType,
  | "assignHandlingUnit"
  | "setCoHandlingUnits"
  | "coHandlingReply"
  | "mergeIntoCase"
  | "recordSatisfaction"
  | "acceptAssignment"
  | "urgeHandling"
  | "markKeySupervision"
  | "reopenCase"
>;

/** The capability's action on a transition, with its parameters, if it carries it. */
export function capabilityOf(
  transition: TTransition,
  capability: Capability,
): { params: Record<string, unknown> } | undefined {
  const action = transition.actions.find((a) => a.type === capability);
  return action ? { params: action.params } : undefined;
}

/** The transitions of `event` in `state`. */
export const transitionsOf = (state: TState | undefined, event: string) =>
  state?.transitions.filter((t) => t.event === event) ?? [];

/** Whether sending `event` in `state` does what `capability` means. */
export const eventHas = (state: TState | undefined, event: string, capability: Capability) =>
  transitionsOf(state, event).some((t) => capabilityOf(t, capability) !== undefined);

/**
 * The event in `state` that carries `capability` and that one of `roles` may send, with the
 * capability's parameters (e.g. the form field that names the handling unit).
 */
export function eventWith(
  state: TState | undefined,
  capability: Capability,
  roles: ReadonlySet<string>,
): { event: string; params: Record<string, unknown> } | undefined {
  for (const transition of state?.transitions ?? []) {
    const found = capabilityOf(transition, capability);
    if (found && mayBeSentBy(transition).some((who) => roles.has(who))) return { event: transition.event, ...found };
  }
  return undefined;
}
