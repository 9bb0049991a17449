export * from "./calendar";
export { type CaseMachine, compileDefinition } from "./compiler/compile-definition";
export { canonicalJson, contentHash } from "./definition/content-hash";
export * from "./definition/definition-schema";
export {
  type ActionType,
  actionLibrary,
  answerClasses,
  type CaseContext,
  type CaseEvent,
  type GuardView,
  guardCouldHold,
  guardFields,
  guardLibrary,
  satisfactionValues,
} from "./definition/library";
export {
  formatPath,
  type IssueCode,
  type ValidationContext,
  type ValidationIssue,
  type ValidationResult,
  validateDefinition,
} from "./definition/validate-definition";
export {
  type Actor,
  type ApplyOptions,
  applyEvent,
  identitiesOf,
  type StepResult,
  startCase,
} from "./runtime/case-runtime";
export type {
  CaseDesk,
  CaseEventRow,
  CaseRowChange,
  CaseRowEffect,
  CaseSnapshot,
  CaseStore,
  LedgerRow,
  OutboxRow,
  StepWrite,
  StoredCase,
  TimerRow,
} from "./runtime/case-store";
export { DUE_BY_KEY, handlingStepsAfter } from "./runtime/due-by";
export { WorkflowError } from "./runtime/errors";
export { DEADLINE_REACHED, fireTimer, type TimerOutcome, timerStepKey } from "./runtime/fire-timer";
export { MemoryCaseStore } from "./runtime/memory-case-store";
export { migrateCase, VERSION_MIGRATED } from "./runtime/migrate-case";
export { replayEvents } from "./runtime/replay-events";
export { deskOf, timersFor } from "./runtime/step-effects";
export { EMPTY_TEMPLATE, WORKFLOW_TEMPLATES } from "./templates";
