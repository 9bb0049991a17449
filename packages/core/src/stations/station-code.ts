import { randomInt } from "node:crypto";

/** Letters and digits that cannot be misread off a printed poster (no 0/O, 1/I/L). */
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const CODE_LENGTH = 6;
const PUBLIC_CODE = /^(\d{6})-([0-9A-Z]{6})$/;

/** A new random station code, e.g. "K7M2QD" (31⁶ ≈ 887 million per county). */
export function newStationCode(): string {
  return Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
}

/**
 * The code on a station's poster and in its public address, `/s/450107-K7M2QD`: the
 * county's division code says which tenant, the station code which station.
 */
export function publicStationCode(divisionCode: string, stationCode: string): string {
  return `${divisionCode}-${stationCode}`;
}

/** The parts of a public station code, or null for anything else (case-insensitive). */
export function parsePublicStationCode(value: string): { divisionCode: string; stationCode: string } | null {
  const match = PUBLIC_CODE.exec(value.trim().toUpperCase());
  return match ? { divisionCode: match[1]!, stationCode: match[2]! } : null;
}
