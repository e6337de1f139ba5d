import { ipv6Groups } from "../lib/ipAddress";

/**
 * The rate-limit key of a client address. An IPv4 address is itself; an IPv6 address is its
 * /64 prefix, because one subscriber (a home line, a phone) is handed a whole /64 and can pick a
 * fresh address in it for every request. IPv4-mapped IPv6 (`::ffff:1.2.3.4`) is the IPv4 address
 * it maps. Every textual form of one /64 (zeros compressed or not, leading zeros, upper case)
 * gives one key; text that is not an address is kept as is, lower-cased.
 *
 * @example addressKey("2001:DB8:0:12:aaaa::1") // "2001:db8:0:12::/64"
 * @example addressKey("::ffff:203.0.113.7") // "203.0.113.7"
 */
export function addressKey(address: string): string {
  const text = address.trim().toLowerCase();
  if (!text.includes(":")) return text;
  const groups = ipv6Groups(text.replace(/%.*$/, "")); // a zone ("%eth0") names an interface, not a host
  if (!groups) return text;
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) return ipv4Of(groups[6]!, groups[7]!);
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(":")}::/64`;
}

const ipv4Of = (high: number, low: number) => [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
