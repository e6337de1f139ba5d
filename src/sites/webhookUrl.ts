import { ipv4Number, ipv6Groups } from "../lib/ipAddress";

/**
 * Where a site's webhook may point. The Worker POSTs signed events to this URL, so it must not
 * reach the service's own network: https only, and no host that names loopback, a private
 * network, link-local, CGNAT or unique-local addresses (IPv4 and IPv6 literals in any form the
 * URL parser accepts). Names are not resolved here; Cloudflare's fetch does not reach private
 * addresses from a Worker, and the literal checks stop the obvious forms.
 */

/** IPv4 ranges no webhook may reach: [first octets as a 32-bit prefix, prefix length, name]. */
const blockedV4: [number, number, string][] = [
  [0x00000000, 8, "this network"],
  [0x0a000000, 8, "a private network"],
  [0x64400000, 10, "carrier-grade NAT (CGNAT)"],
  [0x7f000000, 8, "loopback"],
  [0xa9fe0000, 16, "link-local"],
  [0xac100000, 12, "a private network"],
  [0xc0000000, 24, "IETF protocol assignments"],
  [0xc0a80000, 16, "a private network"],
  [0xc6120000, 15, "a benchmarking network"],
  [0xe0000000, 4, "multicast"],
  [0xf0000000, 4, "a reserved range"],
];

function v4Problem(address: number): string | undefined {
  for (const [prefix, bits, name] of blockedV4) {
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    if ((address & mask) >>> 0 === prefix) return name;
  }
  return undefined;
}

function v6Problem(g: number[]): string | undefined {
  const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroUpTo(7) && g[7] === 1) return "loopback";
  if (zeroUpTo(8)) return "the unspecified address";
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) carry an IPv4 address.
  const embedsV4 = (zeroUpTo(5) && (g[5] === 0xffff || g[5] === 0)) || (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0));
  if (embedsV4) return v4Problem(((g[6]! << 16) >>> 0) + g[7]!);
  if ((g[0]! & 0xfe00) === 0xfc00) return "a unique-local network";
  if ((g[0]! & 0xffc0) === 0xfe80) return "link-local";
  if ((g[0]! & 0xffc0) === 0xfec0) return "a site-local network";
  if ((g[0]! & 0xff00) === 0xff00) return "multicast";
  return undefined;
}

/** Hosts allowed over http and on loopback for local tests (DEV_WEBHOOK_HOSTS). */
export function devWebhookHosts(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
}

/**
 * Why `url` may not be a webhook URL, or undefined when it may.
 *
 * @example
 * webhookUrlProblem("https://hooks.example.com/x", []) // undefined
 * webhookUrlProblem("https://10.0.0.5/x", [])          // "must not point at a private network (10.0.0.5)"
 */
export function webhookUrlProblem(url: string, devHosts: readonly string[] = []): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "must be a URL";
  }
  const host = parsed.hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "");
  if (devHosts.includes(host)) return parsed.protocol === "https:" || parsed.protocol === "http:" ? undefined : "must be an http(s) URL";
  if (parsed.protocol !== "https:") return "must be an https URL";
  if (parsed.username || parsed.password) return "must not carry a user name or password";
  if (host === "localhost" || host.endsWith(".localhost")) return `must not point at loopback (${host})`;
  const v4 = ipv4Number(host);
  const groups = v4 === undefined ? ipv6Groups(host) : undefined;
  const problem = v4 !== undefined ? v4Problem(v4) : groups ? v6Problem(groups) : undefined;
  return problem ? `must not point at ${problem} (${host})` : undefined;
}
