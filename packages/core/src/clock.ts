/**
 * Where the product reads the time. Use cases take "now" from the clock in their context
 * (or as a `now` argument, like the transaction), never from the wall clock, so a test
 * sets the time instead of sleeping and the product behaves the same on every date.
 * A lint rule (infra/lint/wall-clock.grit) keeps `new Date()` and `Date.now()` in this file.
 */
export type Clock = { now(): Date };

/** The process's clock: the one production runs on. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until it is set or moved: for tests, the seed and simulations. */
export class ManualClock implements Clock {
  #now: number;
  constructor(start: Date) {
    this.#now = start.getTime();
  }
  now(): Date {
    return new Date(this.#now);
  }
  set(instant: Date): void {
    this.#now = instant.getTime();
  }
  advance(ms: number): Date {
    this.#now += ms;
    return this.now();
  }
}
