import * as oauth from "oauth4webapi";
import { ApiError } from "../../lib/errors";

const TIMEOUT_MS = 10_000;
const DISCOVERY_TTL_MS = 10 * 60_000;
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * Request options for a provider URL: a timeout, and plain http allowed only on loopback (a
 * local stand-in; the admin API refuses http anywhere else, and Workers cannot reach loopback
 * in production).
 */
export function httpOptions(url: string) {
  const { protocol, hostname } = new URL(url);
  return {
    signal: () => AbortSignal.timeout(TIMEOUT_MS),
    [oauth.allowInsecureRequests]: protocol === "http:" && LOOPBACK.has(hostname),
  };
}

// Per isolate: discovery documents and key sets are fetched once and reused across requests.
const discovered = new Map<string, { as: oauth.AuthorizationServer; until: number }>();
const keySets = new Map<string, oauth.JWKSCacheInput>();

/**
 * An OpenID provider's metadata by discovery (`/.well-known/openid-configuration`), checked to
 * name the expected issuer, cached for ten minutes.
 */
export async function discover(issuer: string, label: string, now = Date.now()): Promise<oauth.AuthorizationServer> {
  const cached = discovered.get(issuer);
  if (cached && cached.until > now) return cached.as;
  try {
    const url = new URL(issuer);
    const as = await oauth.processDiscoveryResponse(url, await oauth.discoveryRequest(url, { algorithm: "oidc", ...httpOptions(issuer) }));
    discovered.set(issuer, { as, until: now + DISCOVERY_TTL_MS });
    return as;
  } catch (error) {
    console.error("discovery failed", issuer, error);
    throw new ApiError("provider_error", `${label} could not be reached; please try again later`);
  }
}

/** The JWKS cache of an issuer (oauth4webapi refreshes it when a token names an unknown key). */
export function keySetOf(issuer: string): oauth.JWKSCacheInput {
  let cache = keySets.get(issuer);
  if (!cache) {
    cache = {};
    keySets.set(issuer, cache);
  }
  return cache;
}
