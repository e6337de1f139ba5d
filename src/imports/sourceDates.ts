/** Earliest believable comment date: before it, a date is a placeholder (WordPress' 0000-00-00). */
const EARLIEST = Date.UTC(1995, 0, 1);
const ISO_LIKE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * A source timestamp (ISO 8601 with a zone) as epoch milliseconds, or undefined when it is not
 * a real date between 1995 and tomorrow.
 *
 * @example sourceDate("2012-04-19T12:34:56Z") // 1334838896000
 */
export function sourceDate(raw: string, now = Date.now()): number | undefined {
  if (!ISO_LIKE.test(raw)) return undefined;
  const at = Date.parse(raw);
  if (Number.isNaN(at) || at < EARLIEST || at > now + 24 * 3600 * 1000) return undefined;
  // Date.parse rolls 2021-02-30 over to March: refuse dates that do not round-trip.
  const [year, month, day] = raw.slice(0, 10).split("-").map(Number);
  const offsetDate = new Date(Date.UTC(year!, month! - 1, day!));
  return offsetDate.getUTCMonth() === month! - 1 && offsetDate.getUTCDate() === day ? at : undefined;
}
