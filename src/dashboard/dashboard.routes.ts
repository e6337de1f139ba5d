import { Hono, type Context } from "hono";
import { z } from "zod";
import type { AppEnv } from "../env";
import { widgetAssets } from "../widget/generated/assets";
import { DASHBOARD_CSP, dashboardPage, type DashboardFile } from "./dashboardPage";

const IMMUTABLE = "public, max-age=31536000, immutable";
const SHORT = "public, max-age=60";

const pageQuery = z.object({ lang: z.enum(["ko", "en"]).catch("ko") });

function serveFile(c: Context<AppEnv>, name: DashboardFile, cacheControl: string): Response {
  const asset = widgetAssets[name];
  const etag = `"${asset.hash}"`;
  const headers = { "Content-Type": asset.type, "Cache-Control": cacheControl, ETag: etag, "X-Content-Type-Options": "nosniff" };
  if (c.req.header("If-None-Match")?.includes(etag)) return c.body(null, 304, headers);
  return c.body(asset.body, 200, headers);
}

/**
 * `/moderate`, the moderators' dashboard: one page and its built script and stylesheet. The
 * page is never cached (a new build's asset URLs show at once); the assets are cached for good
 * under their hash.
 */
export const dashboardRoutes = new Hono<AppEnv>()
  .get("/moderate", (c) => {
    // Only the first paint's language; the script follows ?lang= or the browser's language after.
    const { lang } = pageQuery.parse(c.req.query());
    return c.html(dashboardPage(lang), 200, {
      "Content-Security-Policy": DASHBOARD_CSP,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "DENY",
      "Referrer-Policy": "no-referrer",
      // allow-popups: the social login popup must keep its opener through the provider's pages.
      "Cross-Origin-Opener-Policy": "same-origin-allow-popups",
      "X-Robots-Tag": "noindex",
    });
  })
  .get("/moderate/v/:hash/:file{dashboard\\.(?:js|css)}", (c) => {
    const name = c.req.param("file") as DashboardFile;
    // An old page may ask for the previous build: it gets this one, but not for good.
    return serveFile(c, name, c.req.param("hash") === widgetAssets[name].hash ? IMMUTABLE : SHORT);
  });
