import { createMiddleware } from "hono/factory";
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { isKnownOrigin } from "../sites/sites.queries";
import { siteOf } from "./site";

const sitePath = /^\/api\/v1\/sites\/([^/]+)/;
const allowMethods = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
const allowHeaders = "Authorization, Content-Type, Idempotency-Key, If-None-Match, Cache-Control, X-D1-Bookmark";
const exposeHeaders = "Retry-After, ETag, X-Cache, X-D1-Bookmark, X-D1-Rows-Read, X-D1-Rows-Written, X-D1-Queries, X-D1-Calls";

function devOrigins(c: Context<AppEnv>): string[] {
  return (c.env.DEV_ORIGINS ?? "")
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean);
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * Whether `origin` may call this path: a site's routes accept that site's origins; routes that
 * name no site (a comment by id, auth) accept any registered site's origins, and the session
 * then decides what the caller may touch. DEV_ORIGINS are accepted everywhere.
 */
async function originAllowed(c: Context<AppEnv>, origin: string): Promise<boolean> {
  if (devOrigins(c).includes(origin)) return true;
  const db = c.get("db");
  const segment = sitePath.exec(c.req.path)?.[1];
  if (segment === undefined) return isKnownOrigin(db, origin);
  const siteId = decodeSegment(segment);
  // A malformed escape names no site: refuse the origin instead of failing the request.
  if (siteId === undefined) return false;
  const site = await siteOf(c, siteId);
  return site?.origins.includes(origin) ?? false;
}

/** CORS for the public API: only sites' own origins, no credentials (Bearer tokens instead). */
export const siteCors = createMiddleware<AppEnv>(async (c, next) => {
  const origin = c.req.header("Origin");
  const allowed = origin !== undefined && (await originAllowed(c, origin));
  const preflight = c.req.method === "OPTIONS" && c.req.header("Access-Control-Request-Method") !== undefined;
  if (preflight) {
    const headers: Record<string, string> = { Vary: "Origin" };
    if (allowed) {
      headers["Access-Control-Allow-Origin"] = origin;
      headers["Access-Control-Allow-Methods"] = allowMethods;
      headers["Access-Control-Allow-Headers"] = allowHeaders;
      headers["Access-Control-Max-Age"] = "600";
    }
    return c.body(null, 204, headers);
  }
  await next();
  c.header("Vary", "Origin", { append: true });
  if (allowed) {
    c.header("Access-Control-Allow-Origin", origin);
    c.header("Access-Control-Expose-Headers", exposeHeaders);
  }
});
