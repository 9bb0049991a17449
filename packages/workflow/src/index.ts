export * from "./calendar";
export { type CaseMachine, compileDefinition } from "./compiler/compile-definition";
export { canonicalJson, contentHash } from "./definition/content-hash";
export * from "./definition/definition-schema";
export {
  type ActionType,
  actionLibrary,
  type CaseContext,
  type CaseEvent,
  guardCouldHold,
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
  DEADLINE_REACHED,
  deskOf,
  fireTimer,
  identitiesOf,
  migrateCase,
  replayEvents,
  type StepResult,
  startCase,
  type TimerOutcome,
  timersFor,
  VERSION_MIGRATED,
} from "./runtime/case-runtime";
export type {
  CaseDesk,
  CaseEventRow,
  CaseRowChange,
  CaseSnapshot,
  CaseStore,
  LedgerRow,
  OutboxRow,
  StepWrite,
  StoredCase,
  TimerRow,
} from "./runtime/case-store";
export { WorkflowError } from "./runtime/errors";
export { MemoryCaseStore } from "./runtime/memory-case-store";
export { EMPTY_TEMPLATE, WORKFLOW_TEMPLATES } from "./templates";
