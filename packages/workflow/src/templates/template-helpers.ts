import type { TFieldDefinition } from "@rdlink/forms";

/** A label in both languages. */
export const l = (zh: string, en: string) => ({ "zh-CN": zh, en });

export const selectField = (
  key: string,
  label: ReturnType<typeof l>,
  options: [string, ReturnType<typeof l>][],
  required = true,
): TFieldDefinition => ({
  key,
  label,
  type: "select",
  required,
  options: options.map(([value, optionLabel]) => ({ value, label: optionLabel })),
});

export const textField = (
  key: string,
  label: ReturnType<typeof l>,
  type: "text" | "longText" = "longText",
  required = true,
): TFieldDefinition => ({ key, label, type, required });

export const SATISFACTION: [string, ReturnType<typeof l>][] = [
  ["satisfied", l("满意", "Satisfied")],
  ["basic", l("基本满意", "Mostly satisfied")],
  ["unsatisfied", l("不满意", "Unsatisfied")],
];
