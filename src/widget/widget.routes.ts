import { Hono, type Context } from "hono";
import { z } from "zod";
import type { AppEnv } from "../env";
import { serveAsset, versionedCache, type BuiltAsset } from "../assets/serveAsset";
import { findSite } from "../sites/sites.queries";
import { frameCsp, frameHtml, type FrameAsset } from "./frameHtml";
import { widgetAssets } from "./generated/assets";

/** Stable URLs that host pages point at: revalidated often, served stale while that happens. */
const SCRIPT_CACHE = "public, max-age=300, stale-while-revalidate=86400";
const SHORT = "public, max-age=60";
// Host pages that isolate themselves (COEP) may still load the scripts.
const CROSS_ORIGIN = { "Cross-Origin-Resource-Policy": "cross-origin" };

const frameQuery = z.object({
  site: z.string().min(1).max(64),
  article: z.string().min(1).max(200),
  lang: z.enum(["ko", "en"]).catch("ko"),
  origin: z
    .string()
    .max(300)
    .refine((o) => originOf(o) === o, "must be an origin such as https://news.example"),
  theme: z.enum(["auto", "dark", "light"]).catch("auto"),
  accent: z
    .string()
    .regex(/^#[0-9a-f]{3,8}$/i)
    .optional()
    .catch(undefined),
});

function originOf(value: string): string | undefined {
  try {
    return new URL(value).origin;
  } catch {
    return undefined;
  }
}

const devOrigins = (c: Context<AppEnv>) =>
  (c.env.DEV_ORIGINS ?? "")
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean);

/**
 * The reader widget: embed.js and count.js for host pages, and the frame they open, served
 * from this origin so its storage and API calls are the service's own.
 */
export const widgetRoutes = new Hono<AppEnv>()
  .get("/embed.js", (c) => serveAsset(c, widgetAssets["embed.js"], SCRIPT_CACHE, CROSS_ORIGIN))
  .get("/count.js", (c) => serveAsset(c, widgetAssets["count.js"], SCRIPT_CACHE, CROSS_ORIGIN))
  .get("/embed/v/:hash/:file{frame\\.(?:ko\\.js|en\\.js|css)}", (c) => {
    const asset = widgetAssets[c.req.param("file") as FrameAsset];
    return serveAsset(c, asset, versionedCache(asset, c.req.param("hash")), CROSS_ORIGIN);
  })
  // The frame's chunks, imported relative to its versioned URL: their names carry their content hash.
  .get("/embed/v/:hash/:file{[\\w.-]+-\\w+\\.js}", (c) => {
    const asset = (widgetAssets as Record<string, BuiltAsset>)[c.req.param("file")];
    if (!asset) return c.notFound();
    return serveAsset(c, asset, versionedCache(asset, asset.hash), CROSS_ORIGIN);
  })
  .get("/embed/frame", async (c) => {
    const parsed = frameQuery.safeParse(c.req.query());
    const refuse = (status: 400 | 403 | 404, text: string) =>
      c.text(text, status, { "Content-Security-Policy": "default-src 'none'; frame-ancestors *", "Cache-Control": "no-store" });
    if (!parsed.success) return refuse(400, `Bad widget parameters: ${parsed.error.issues.map((i) => i.path.join(".")).join(", ")}`);
    const { site: siteId, article, lang, origin, theme, accent } = parsed.data;
    const site = await findSite(c.get("db"), siteId);
    if (!site) return refuse(404, `No site '${siteId}'`);
    if (!site.origins.includes(origin) && !devOrigins(c).includes(origin)) return refuse(403, `This site does not embed comments on ${origin}`);
    const { editWindowSeconds, publicHistory, emailNotifications } = site.settings;
    const html = frameHtml({
      site: site.id,
      siteName: site.name,
      article,
      lang,
      origin,
      editWindowSeconds,
      history: publicHistory,
      email: emailNotifications,
      theme,
      accent,
    });
    return c.html(html, 200, {
      "Content-Security-Policy": frameCsp(origin),
      "Cache-Control": SHORT,
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
    });
  });
