/**
 * A stored time (milliseconds since the epoch) as the API shows it: ISO 8601 in UTC; null
 * stays null.
 *
 * @example iso(0) // "1970-01-01T00:00:00.000Z"
 */
export function iso(ms: number): string;
export function iso(ms: number | null): string | null;
export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** The UTC day of a time, as `YYYY-MM-DD`: the key of per-day counters. */
export const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
