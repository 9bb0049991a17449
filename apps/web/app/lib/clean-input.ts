/**
 * What no person types and the database cannot keep: NUL (PostgreSQL refuses it in text) and
 * half of a UTF-16 surrogate pair (not a character at all). Every boundary — query strings,
 * forms, JSON bodies — refuses input carrying either, with a 400, before any use case runs.
 */
const NUL = String.fromCharCode(0);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const isCleanText = (value: string) => !value.includes(NUL) && !LONE_SURROGATE.test(value);

/** How deep a JSON body may nest: ours are two levels; 32 leaves room and no stack to overflow. */
export const MAX_JSON_DEPTH = 32;

/** Every string (keys too) clean, and nesting no deeper than MAX_JSON_DEPTH; walked without recursion. */
export function isCleanJson(value: unknown): boolean {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (pending.length > 0) {
    const { value: current, depth } = pending.pop()!;
    if (typeof current === "string") {
      if (!isCleanText(current)) return false;
    } else if (current !== null && typeof current === "object") {
      if (depth >= MAX_JSON_DEPTH) return false;
      for (const [key, inner] of Object.entries(current)) {
        if (!isCleanText(key)) return false;
        pending.push({ value: inner, depth: depth + 1 });
      }
    }
  }
  return true;
}

/** A request's path and query, decoded: clean, or not (malformed percent-encoding included). */
export function isCleanUrl(url: string): boolean {
  try {
    return isCleanText(decodeURIComponent(url.replace(/\+/g, " ")));
  } catch {
    return false;
  }
}
