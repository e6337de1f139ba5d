import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { siteOrNotFound } from "../sites/requireSite";
import { cachedSite } from "../sites/siteCache";
import { findSite, type SiteRecord } from "../sites/sites.queries";

/**
 * A site by id, read once per request whoever asks first (CORS checks the site's origins, then
 * `loadSite` hands it to the route): each asks for what it needs, neither leaves it for the other.
 * It comes from the isolate's copy of the last few seconds (`siteCache.ts`), dropped in this
 * isolate when the site changes: a setting changed through another isolate applies within
 * seconds, and a write costs no D1 call for its site. (Bans are not site settings: every write
 * reads its writer's ban in its own batch.)
 */
export function siteOf(c: Context<AppEnv>, siteId: string): Promise<SiteRecord | undefined> {
  const loads = c.get("siteLoads") ?? new Map<string, Promise<SiteRecord | undefined>>();
  c.set("siteLoads", loads);
  const db = c.get("db");
  const load = loads.get(siteId) ?? cachedSite(siteId, () => findSite(db, siteId));
  loads.set(siteId, load);
  return load;
}

/** The site of the request's session (a write on a comment by id), or 404 `site_not_found`. */
export async function sessionSite(c: Context<AppEnv>): Promise<SiteRecord> {
  const siteId = c.get("session")!.siteId;
  return siteOrNotFound(await siteOf(c, siteId), siteId);
}

/** The `:site` of the path, or 404 `site_not_found`; the route reads it with `c.get("site")`. */
export const loadSite = createMiddleware<AppEnv>(async (c, next) => {
  const siteId = c.req.param("site") ?? "";
  c.set("site", siteOrNotFound(siteId ? await siteOf(c, siteId) : undefined, siteId));
  await next();
});
