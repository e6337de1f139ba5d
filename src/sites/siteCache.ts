/**
 * How long an isolate keeps a site's configuration (origins, settings) before reading it again.
 * A change made through this isolate drops its copy at once (`updateSite` forgets it); other
 * isolates see it within this window. Routes that change a site read it fresh.
 */
export const SITE_CACHE_MS = 5_000;
const MAX_SITES = 500;

const cached = new Map<string, { site: Promise<unknown>; until: number }>();

/**
 * A site as recently read by this isolate, else `load()` (one read shared by concurrent
 * requests): every request of a viral article needs the site's origins and settings, and they
 * rarely change.
 *
 * @example
 * const site = await cachedSite(siteId, () => findSite(db, siteId));
 */
export function cachedSite<T>(siteId: string, load: () => Promise<T>, now = Date.now()): Promise<T> {
  const hit = cached.get(siteId);
  if (hit && hit.until > now) return hit.site as Promise<T>;
  if (cached.size >= MAX_SITES) cached.delete(cached.keys().next().value!);
  const site = load();
  cached.set(siteId, { site, until: now + SITE_CACHE_MS });
  // A failed read is not remembered.
  site.catch(() => cached.delete(siteId));
  return site;
}

/** Drops this isolate's copy of a site after it changed. */
export function forgetSite(siteId: string): void {
  cached.delete(siteId);
}
