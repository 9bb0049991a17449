import { z } from "zod";
import { parseEnvironment } from "./parse-environment";

/** One knob: the environment variable that sets it, and what it must be. */
type Knob<T> = { variable: string; schema: z.ZodType<T> };

/**
 * The knobs of a benchmark or tool, from their environment variables, validated like the
 * app's (`env.ts`): `BENCH_SECONDS=ten` stops the run naming the variable instead of running
 * with NaN. An empty variable counts as unset.
 *
 *   const knobs = readKnobs({ seconds: intKnob("BENCH_SECONDS", 15) }); // knobs.seconds: number
 */
export function readKnobs<S extends Record<string, Knob<unknown>>>(
  spec: S,
): { [K in keyof S]: S[K] extends Knob<infer T> ? T : never } {
  const byVariable = Object.fromEntries(Object.values(spec).map((knob) => [knob.variable, knob.schema]));
  const values: Record<string, unknown> = parseEnvironment(z.object(byVariable));
  return Object.fromEntries(Object.entries(spec).map(([name, knob]) => [name, values[knob.variable]])) as {
    [K in keyof S]: S[K] extends Knob<infer T> ? T : never;
  };
}

const unsetIfEmpty = <T>(schema: z.ZodType<T>) => z.preprocess((v) => (v === "" ? undefined : v), schema);

/** A whole number of at least `min`; `fallback` when unset. */
export const intKnob = (variable: string, fallback: number, min = 1): Knob<number> => ({
  variable,
  schema: unsetIfEmpty(z.coerce.number().int().min(min).default(fallback)),
});

/** Text; `fallback` when unset. */
export const textKnob = (variable: string, fallback: string): Knob<string> => ({
  variable,
  schema: unsetIfEmpty(z.string().default(fallback)),
});

/** On when set to "1". */
export const flagKnob = (variable: string): Knob<boolean> => ({
  variable,
  schema: z
    .string()
    .optional()
    .transform((v) => v === "1"),
});

/** The environment a child process (the app, pgbench) inherits, with `overrides`, less `without`. */
export function childEnvironment(overrides: Record<string, string> = {}, without: string[] = []): NodeJS.ProcessEnv {
  const inherited: NodeJS.ProcessEnv = { ...process.env, ...overrides };
  for (const name of without) delete inherited[name];
  return inherited;
}
