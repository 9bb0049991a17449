/**
 * Machine identifiers people never type: a field's key and a choice's value are generated when
 * the field or choice is added and never follow a later edit of its label, since stored answers,
 * conditions and exports refer to them. People name fields and choices by their labels.
 */

/** A new field's key: `field1`, `field2`… the first free one (valid for fieldKeyPattern). */
export function newFieldKey(taken: (key: string) => boolean, from = 1): string {
  let n = from;
  while (taken(`field${n}`)) n++;
  return `field${n}`;
}

/** A new choice's stored value: `o1`, `o2`… the first free one, counting on from the list's length. */
export function newOptionValue(options: readonly { value: string }[]): string {
  const taken = new Set(options.map((o) => o.value));
  let n = options.length + 1;
  while (taken.has(`o${n}`)) n++;
  return `o${n}`;
}
