import { createMiddleware } from "hono/factory";
import type { Context } from "hono";
import { createDb } from "../db/client";
import { meteredD1, RowMeter } from "../db/metering";
import type { AppEnv } from "../env";

/** The header a client sends back so its next reads see at least what it has seen (D1 Sessions API). */
const BOOKMARK_HEADER = "X-D1-Bookmark";

/** D1's bookmark format; anything else is ignored rather than handed to D1. */
const BOOKMARK = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/i;

/**
 * Where this request's D1 session starts: writes at the primary; reads after the client's
 * bookmark (so a reader reads their own writes), else at whichever copy is nearest. With read
 * replication on, that is a replica; locally, and without it, every read is the primary.
 */
function sessionStart(c: Context<AppEnv>): string {
  if (c.req.method !== "GET" && c.req.method !== "HEAD") return "first-primary";
  const bookmark = c.req.header(BOOKMARK_HEADER);
  return bookmark && BOOKMARK.test(bookmark) ? bookmark : "first-unconstrained";
}

/**
 * Creates the request's drizzle client over a D1 session (metered), answers with the session's
 * bookmark, and with D1_METERING=on reports the rows it read and wrote in response headers
 * (used by `npm run bench` and tests).
 */
export const database = createMiddleware<AppEnv>(async (c, next) => {
  const meter = new RowMeter();
  const session = c.env.DB.withSession(sessionStart(c));
  c.set("meter", meter);
  c.set("db", createDb(meteredD1(session, meter)));
  await next();
  const bookmark = session.getBookmark();
  if (bookmark) c.header(BOOKMARK_HEADER, bookmark);
  if (c.env.D1_METERING === "on") {
    c.header("X-D1-Rows-Read", String(meter.rowsRead));
    c.header("X-D1-Rows-Written", String(meter.rowsWritten));
    c.header("X-D1-Queries", String(meter.queries));
    c.header("X-D1-Calls", String(meter.calls));
  }
});
