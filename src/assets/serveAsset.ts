/**
 * Serving the browser code that scripts/build-widget.ts bundles into generated modules of
 * strings (the reader widget's in src/widget/generated, the dashboard's in
 * src/dashboard/generated): each area's routes serve their own files through these.
 */
import type { Context } from "hono";

/** A built file, as the generated modules hold it. */
export interface BuiltAsset {
  body: string;
  /** First 12 hex digits of the body's SHA-256: versions the cache-forever URLs. */
  hash: string;
  type: string;
}

const IMMUTABLE = "public, max-age=31536000, immutable";
const SHORT = "public, max-age=60";

/**
 * A built file with its ETag; `304` when the client already has this build.
 *
 * @example
 * .get("/embed.js", (c) => serveAsset(c, widgetAssets["embed.js"], "public, max-age=300"))
 */
export function serveAsset(c: Context, asset: BuiltAsset, cacheControl: string, headers: Record<string, string> = {}): Response {
  const etag = `"${asset.hash}"`;
  const all = { "Content-Type": asset.type, "Cache-Control": cacheControl, ETag: etag, "X-Content-Type-Options": "nosniff", ...headers };
  if (c.req.header("If-None-Match")?.includes(etag)) return c.body(null, 304, all);
  return c.body(asset.body, 200, all);
}

/** The versioned URL of a built file under `base` (`/embed`, `/moderate`): cached for good, since a new build gets a new URL. */
export const versionedUrl = (base: string, name: string, asset: BuiltAsset) => `${base}/v/${asset.hash}/${name}`;

/**
 * Caching of a file under its versioned URL (`/…/v/<hash>/<file>`): for good when the hash is
 * this build's; an old page asking for the previous build gets this one, but not for good.
 */
export const versionedCache = (asset: BuiltAsset, hash: string) => (hash === asset.hash ? IMMUTABLE : SHORT);
