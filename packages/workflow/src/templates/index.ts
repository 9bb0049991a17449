import type { TWorkflowDefinitionInput } from "../definition/definition-schema";
import { citizenOpinion } from "./citizen-opinion";
import { deputySuggestion } from "./deputy-suggestion";
import { disputeMediation } from "./dispute-mediation";
import { draftLawConsultation } from "./draft-law-consultation";

/** The workflows every county starts with (installed at onboarding, editable afterwards). */
export const WORKFLOW_TEMPLATES: readonly TWorkflowDefinitionInput[] = [
  citizenOpinion,
  deputySuggestion,
  draftLawConsultation,
  disputeMediation,
];

export { citizenOpinion, deputySuggestion, disputeMediation, draftLawConsultation };
