import { type Clock, systemClock } from "@rdlink/core/clock";

/** The clock every request of this process reads "now" from (see packages/core/src/clock.ts). */
export const appClock: Clock = systemClock;
