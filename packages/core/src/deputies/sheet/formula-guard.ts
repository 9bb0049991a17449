/**
 * Formula-injection defence (OWASP "CSV injection"): a spreadsheet may run a cell that
 * starts with = + - @ (also after leading whitespace) or with a tab or carriage return.
 * Such text is written with a leading single quote.
 */
const DANGEROUS = /^(?:[\t\r]|\s*[=+\-@])/;

/**
 * The text as safe to write into a cell. Text that already starts with quotes before a
 * dangerous character gets one more, so that `restoreNeutralised` is its exact inverse.
 */
export function neutraliseFormula(text: string): string {
  return DANGEROUS.test(text.replace(/^'+/, "")) ? `'${text}` : text;
}

/** Undoes `neutraliseFormula` when reading a cell back (an export re-imports unchanged). */
export function restoreNeutralised(text: string): string {
  return text.startsWith("'") && DANGEROUS.test(text.replace(/^'+/, "")) ? text.slice(1) : text;
}
