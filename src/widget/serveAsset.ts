import type { Context } from "hono";
import type { AppEnv } from "../env";
import { widgetAssets, type AssetName } from "./generated/assets";

const IMMUTABLE = "public, max-age=31536000, immutable";
const SHORT = "public, max-age=60";

/** A built file (widget or dashboard) with its ETag; `304` when the client already has this build. */
export function serveAsset(c: Context<AppEnv>, name: AssetName, cacheControl: string, headers: Record<string, string> = {}): Response {
  const asset = widgetAssets[name];
  const etag = `"${asset.hash}"`;
  const all = { "Content-Type": asset.type, "Cache-Control": cacheControl, ETag: etag, "X-Content-Type-Options": "nosniff", ...headers };
  if (c.req.header("If-None-Match")?.includes(etag)) return c.body(null, 304, all);
  return c.body(asset.body, 200, all);
}

/**
 * Caching of a file under a versioned URL (`/…/v/<hash>/<file>`): for good when the hash is
 * this build's; an old page asking for the previous build gets this one, but not for good.
 */
export const versionedCache = (name: AssetName, hash: string) => (hash === widgetAssets[name].hash ? IMMUTABLE : SHORT);
