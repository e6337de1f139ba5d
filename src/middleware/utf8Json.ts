import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { ApiError } from "../lib/errors";

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;
const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/**
 * Refuses a JSON body that is not UTF-8 (RFC 8259 §8.1) with 400 invalid_json. Without it,
 * `Request.text()` quietly turns such bytes (a Latin-1 "café") into U+FFFD and the mangled
 * text is stored. The bytes stay in Hono's body cache, so the route's validator reads them
 * from there; this runs after the body limit, so it never buffers more than that.
 */
export const utf8Json = createMiddleware<AppEnv>(async (c, next) => {
  const mediaType = c.req.header("Content-Type")?.split(";")[0]?.trim() ?? "";
  if (c.req.raw.body === null || !JSON_MEDIA_TYPE.test(mediaType)) return next();
  const bytes = await c.req.arrayBuffer();
  try {
    strictUtf8.decode(bytes);
  } catch {
    throw new ApiError("invalid_json", "The request body is not valid UTF-8");
  }
  await next();
});
