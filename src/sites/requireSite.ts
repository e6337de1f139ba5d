import type { Db } from "../db/client";
import { ApiError } from "../lib/errors";
import { findSite, type SiteRecord } from "./sites.queries";

/**
 * The one way to load a site a request names: the site, or `404 site_not_found`.
 *
 * @example
 * const site = await requireSite(db, c.req.valid("param").site);
 */
export async function requireSite(db: Db, siteId: string): Promise<SiteRecord> {
  return siteOrNotFound(await findSite(db, siteId), siteId);
}

/** The site a request named, or `404 site_not_found` when there is none. */
export function siteOrNotFound(site: SiteRecord | undefined, siteId: string): SiteRecord {
  if (!site) throw new ApiError("site_not_found", `No site '${siteId}'`);
  return site;
}
