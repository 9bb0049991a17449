/** How a property panel reports an edit: the changed properties, and a `mergeKey` for typing (see history.ts). */
export type Commit<T> = (patch: Partial<T>, mergeKey?: string) => void;

export const replaceAt = <T>(list: T[], index: number, value: T) => list.map((item, i) => (i === index ? value : item));
export const removeAt = <T>(list: T[], index: number) => list.filter((_, i) => i !== index);
