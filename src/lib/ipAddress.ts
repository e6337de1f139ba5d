/**
 * Parsing of IP address literals, shared by the burst limiter's client keys and the webhook
 * URL check. Strict: anything that is not an address answers undefined.
 */

const HEX_GROUP = /^[0-9a-f]{1,4}$/i;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** A dotted-quad IPv4 address as a 32-bit number. */
export function ipv4Number(text: string): number | undefined {
  const quad = IPV4.exec(text)?.slice(1).map(Number);
  if (!quad || quad.some((n) => n > 255)) return undefined;
  return quad.reduce((n, octet) => n * 256 + octet, 0);
}

/** One textual part: a hex group, or a trailing dotted quad worth two groups; NaN when invalid. */
function groupsOf(part: string): number[] {
  if (HEX_GROUP.test(part)) return [Number.parseInt(part, 16)];
  const v4 = ipv4Number(part);
  return v4 === undefined ? [Number.NaN] : [Math.floor(v4 / 0x10000), v4 % 0x10000];
}

/**
 * The eight 16-bit groups of an IPv6 address (without brackets or zone), in any spelling:
 * compressed or not, leading zeros, either case, a trailing dotted quad.
 *
 * @example ipv6Groups("::ffff:127.0.0.1") // [0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]
 */
export function ipv6Groups(text: string): number[] | undefined {
  if (!text.includes(":")) return undefined;
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const parts = halves.map((half) => (half === "" ? [] : half.split(":")));
  // A dotted quad is allowed only at the very end.
  if (parts.some((part, i) => part.some((p, j) => p.includes(".") && (i < parts.length - 1 || j < part.length - 1)))) return undefined;
  const groups = parts.map((part) => part.flatMap(groupsOf));
  if (groups.some((g) => g.some(Number.isNaN))) return undefined;
  const [head = [], tail = []] = groups;
  if (halves.length === 1) return head.length === 8 ? head : undefined;
  const missing = 8 - head.length - tail.length;
  return missing >= 1 ? [...head, ...new Array<number>(missing).fill(0), ...tail] : undefined;
}
