/** The ids a multi-value picker (Mantine MultiSelect, DeputyPicker) submits comma-joined in one field. */
export function pickedIds(value: unknown): string[] {
  return typeof value === "string" ? value.split(",").filter(Boolean) : [];
}
