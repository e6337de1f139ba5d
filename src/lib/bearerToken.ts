import type { Context } from "hono";

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * The token of `Authorization: Bearer <token>`: undefined when the header is absent, null when
 * it is there but not a Bearer token (callers decide whether that is an error).
 *
 * @example
 * const token = bearerToken(c); // "mgs_…" | undefined | null
 */
export function bearerToken(c: Context): string | undefined | null {
  const header = c.req.header("Authorization");
  if (header === undefined) return undefined;
  return BEARER.exec(header)?.[1] ?? null;
}
