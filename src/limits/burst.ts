import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { peekSession } from "../middleware/auth";
import { addressKey } from "./addressKey";
import { limited } from "./quota";

async function spend(limiter: RateLimit, key: string, message: string): Promise<void> {
  const { success } = await limiter.limit({ key });
  if (!success) throw limited(message, 10, "burst");
}

const FROM_NETWORK = "Too many requests from your network; slow down";

/**
 * Burst limit on write routes, through the Workers rate-limiting bindings.
 *
 * The client's address is CF-Connecting-IP: Cloudflare sets it on every request that reaches a
 * Worker, replacing any value the client sent, so it can be trusted. Requests without it (direct
 * calls inside tests) are not limited, and BURST_LIMITS=off turns this off for local benchmarks.
 * An IPv6 client is keyed by its /64 ({@link addressKey}), or it could use a new address for
 * every request.
 *
 * Korean mobile carriers put thousands of readers behind one address, so a signed-in write is
 * keyed by its user on BURST_LIMITER and by address only on the looser ADDRESS_LIMITER. Anything
 * else (SSO login, the social login start, a request with an unknown session) keeps the strict
 * per-address key on BURST_LIMITER. The per-user key needs the session: it is looked up here,
 * after the address ceiling has bounded the look-ups one address can cause, and reused by the
 * route's own session middleware.
 */
export const burstLimit = createMiddleware<AppEnv>(async (c, next) => {
  const ip = c.req.header("CF-Connecting-IP");
  const { BURST_LIMITER: perClient, ADDRESS_LIMITER: perAddress } = c.env;
  if (ip && perClient && c.env.BURST_LIMITS !== "off") {
    const address = `ip:${addressKey(ip)}`;
    if (perAddress && c.req.header("Authorization") !== undefined) await spend(perAddress, address, FROM_NETWORK);
    const session = await peekSession(c);
    if (session) await spend(perClient, `user:${session.user.id}`, "Too many requests; slow down");
    else await spend(perClient, address, FROM_NETWORK);
  }
  await next();
});

/** Per-user limit for reactions, folds and reports (ACTION_LIMITER binding). */
export async function limitAction(c: Context<AppEnv>, kind: "reaction" | "fold" | "report", userId: string): Promise<void> {
  if (!c.env.ACTION_LIMITER || c.env.BURST_LIMITS === "off") return;
  const { success } = await c.env.ACTION_LIMITER.limit({ key: `${kind}:${userId}` });
  if (!success) throw limited(`Too many ${kind}s; try again in a minute`, 60, kind);
}
