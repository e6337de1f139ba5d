import { Hono } from "hono";
import { z } from "zod";
import { serveAsset, versionedCache } from "../assets/serveAsset";
import type { AppEnv } from "../env";
import { DASHBOARD_CSP, dashboardPage } from "./dashboardPage";
import { dashboardAssets, type DashboardAssetName } from "./generated/assets";

const pageQuery = z.object({ lang: z.enum(["ko", "en"]).catch("ko") });

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
    const asset = dashboardAssets[c.req.param("file") as DashboardAssetName];
    return serveAsset(c, asset, versionedCache(asset, c.req.param("hash")));
  });
