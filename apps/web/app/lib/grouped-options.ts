/** Select options grouped under a heading each (township → its stations or communities), in the order given. */
export function groupedOptions<T>(
  items: T[],
  group: (item: T) => string,
  option: (item: T) => { value: string; label: string },
) {
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const item of items) groups.set(group(item), [...(groups.get(group(item)) ?? []), option(item)]);
  return [...groups].map(([heading, options]) => ({ group: heading, items: options }));
}
