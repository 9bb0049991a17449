/** An opinion form's values for core: the station type's own fields (`fields.<key>`) gathered into `fields`. */
export function opinionInput(values: Record<string, unknown>): Record<string, unknown> {
  const fields = Object.fromEntries(
    Object.entries(values).flatMap(([key, value]) => (key.startsWith("fields.") ? [[key.slice(7), value]] : [])),
  );
  return { ...values, fields };
}
