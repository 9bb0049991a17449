import { ZFieldList } from "@rdlink/forms";
import { z } from "zod";

/**
 * What a template set holds (decision 0037): the starting configuration of a county.
 * Every item has a key, stable across the set's versions, so a county's copy can say
 * where it came from and a later version can be compared item by item.
 */
const ZItemKey = z
  .string({ error: "validation.required" })
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,59}$/, "validation.templateItemKey");
const ZItemName = z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(40);

export const ZTemplateChecklist = z.object({
  key: ZItemKey,
  name: ZItemName,
  items: z.array(z.string().trim().min(1, "validation.required").max(40)).min(1, "validation.checklistEmpty").max(50),
});

export const ZTemplateStationType = z.object({
  key: ZItemKey,
  name: ZItemName,
  /** The standard its stations are reviewed against: a checklist of the same set. */
  checklistKey: ZItemKey.nullable(),
  intakeFields: ZFieldList,
  customFields: ZFieldList,
});

export const ZTemplateDutyPost = z.object({
  key: ZItemKey,
  name: ZItemName,
  description: z.string().trim().max(200),
});

export const ZTemplateWorkflow = z.object({
  /** The definition's own key. */
  key: ZItemKey,
  /** Checked in full by validateDefinition when the set is published. */
  definition: z.record(z.string(), z.unknown()),
  layout: z.record(z.string(), z.object({ x: z.number(), y: z.number() })),
});

export const ZTemplateSetContent = z.object({
  checklists: z.array(ZTemplateChecklist).max(20),
  stationTypes: z.array(ZTemplateStationType).max(30),
  dutyPosts: z.array(ZTemplateDutyPost).max(50),
  workflows: z.array(ZTemplateWorkflow).max(20),
});

export type TTemplateSetContent = z.output<typeof ZTemplateSetContent>;
export type TTemplateChecklist = z.output<typeof ZTemplateChecklist>;
export type TTemplateStationType = z.output<typeof ZTemplateStationType>;
export type TTemplateDutyPost = z.output<typeof ZTemplateDutyPost>;
export type TTemplateWorkflow = z.output<typeof ZTemplateWorkflow>;
