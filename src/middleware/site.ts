import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { ApiError } from "../lib/errors";
import { findSite } from "../sites/sites.queries";

/** Loads the `:site` of the path (once: CORS may have loaded it already) or answers 404. */
export const loadSite = createMiddleware<AppEnv>(async (c, next) => {
  const siteId = c.req.param("site");
  if (!siteId) throw new ApiError("site_not_found", "No site in the path");
  const site = c.get("site")?.id === siteId ? c.get("site") : await findSite(c.get("db"), siteId);
  if (!site) throw new ApiError("site_not_found", `No site '${siteId}'`);
  c.set("site", site);
  await next();
});
