import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { siteOrNotFound } from "../sites/requireSite";
import { cachedSite } from "../sites/siteCache";
import { findSite, type SiteRecord } from "../sites/sites.queries";

/**
 * A site by id, read once per request whoever asks first (CORS checks the site's origins, then
 * `loadSite` hands it to the route): each asks for what it needs, neither leaves it for the other.
 * Reads (GET) take the isolate's copy of the last few seconds (`siteCache.ts`); writes read the
 * row as it is, so a moderation setting or a ban decision never works from a stale copy.
 */
export function siteOf(c: Context<AppEnv>, siteId: string): Promise<SiteRecord | undefined> {
  const loads = c.get("siteLoads") ?? new Map<string, Promise<SiteRecord | undefined>>();
  c.set("siteLoads", loads);
  const db = c.get("db");
  const fresh = c.req.method !== "GET" && c.req.method !== "HEAD" && c.req.method !== "OPTIONS";
  const load = loads.get(siteId) ?? (fresh ? findSite(db, siteId) : cachedSite(siteId, () => findSite(db, siteId)));
  loads.set(siteId, load);
  return load;
}

/** The `:site` of the path, or 404 `site_not_found`; the route reads it with `c.get("site")`. */
export const loadSite = createMiddleware<AppEnv>(async (c, next) => {
  const siteId = c.req.param("site") ?? "";
  c.set("site", siteOrNotFound(siteId ? await siteOf(c, siteId) : undefined, siteId));
  await next();
});
