import type { TWorkflowDefinitionInput } from "../definition/definition-schema";
import { citizenOpinion } from "./citizen-opinion";
import { deputySuggestion } from "./deputy-suggestion";
import { disputeMediation } from "./dispute-mediation";
import { draftLawConsultation } from "./draft-law-consultation";
import { letterVisit } from "./letter-visit";

/** The workflows every county starts with (installed at onboarding, editable afterwards). */
export const WORKFLOW_TEMPLATES: readonly TWorkflowDefinitionInput[] = [
  citizenOpinion,
  deputySuggestion,
  draftLawConsultation,
  disputeMediation,
  letterVisit,
];

/** What a county picks to start a new workflow from nothing but a start and an end. */
export const EMPTY_TEMPLATE = "empty";

export { citizenOpinion, deputySuggestion, disputeMediation, draftLawConsultation, letterVisit };
