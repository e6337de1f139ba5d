import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { limited } from "./quota";

/**
 * Burst limit per client IP on write routes, through the Workers rate-limiting binding.
 * Requests without CF-Connecting-IP (direct calls inside tests) are not keyed by IP, and
 * BURST_LIMITS=off turns it off for local benchmarks.
 */
export const burstLimit = createMiddleware<AppEnv>(async (c, next) => {
  const ip = c.req.header("CF-Connecting-IP");
  if (ip && c.env.BURST_LIMITER && c.env.BURST_LIMITS !== "off") {
    const { success } = await c.env.BURST_LIMITER.limit({ key: `ip:${ip}` });
    if (!success) throw limited("Too many requests from your network; slow down", 10, "burst");
  }
  await next();
});

/** Per-user limit for reactions and reports (ACTION_LIMITER binding). */
export async function limitAction(c: Context<AppEnv>, kind: "reaction" | "report", userId: string): Promise<void> {
  if (!c.env.ACTION_LIMITER || c.env.BURST_LIMITS === "off") return;
  const { success } = await c.env.ACTION_LIMITER.limit({ key: `${kind}:${userId}` });
  if (!success) throw limited(`Too many ${kind}s; try again in a minute`, 60, kind);
}
