import { createMiddleware } from "hono/factory";
import { createDb } from "../db/client";
import { meteredD1, RowMeter } from "../db/metering";
import type { AppEnv } from "../env";

/**
 * Creates the request's drizzle client over a metered D1, and with D1_METERING=on reports
 * the rows it read and wrote in response headers (used by `npm run bench` and tests).
 */
export const database = createMiddleware<AppEnv>(async (c, next) => {
  const meter = new RowMeter();
  c.set("meter", meter);
  c.set("db", createDb(meteredD1(c.env.DB, meter)));
  await next();
  if (c.env.D1_METERING === "on") {
    c.header("X-D1-Rows-Read", String(meter.rowsRead));
    c.header("X-D1-Rows-Written", String(meter.rowsWritten));
    c.header("X-D1-Queries", String(meter.queries));
    c.header("X-D1-Calls", String(meter.calls));
  }
});
