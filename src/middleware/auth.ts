import { createMiddleware } from "hono/factory";
import type { Context } from "hono";
import { findSession, type Session } from "../auth/sessions.queries";
import type { AppEnv } from "../env";
import { bearerToken } from "../lib/bearerToken";
import { constantTimeEqual } from "../lib/crypto";
import { ApiError } from "../lib/errors";

async function loadSession(c: Context<AppEnv>): Promise<void> {
  const token = bearerToken(c);
  if (token === null) throw new ApiError("invalid_session", "Authorization must be `Bearer <session>`");
  if (token === undefined) throw new ApiError("unauthenticated", "Log in to do this");
  // The burst limiter may have looked it up already (peekSession).
  const session = c.get("session") ?? (await findSession(c.get("db"), token));
  if (!session) throw new ApiError("invalid_session", "The session is unknown or has expired");
  c.set("session", session);
}

/**
 * The session of a request whose Bearer token is live, or undefined; never fails (the burst
 * limiter asks before the route's own session middleware, which then reuses the answer).
 */
export async function peekSession(c: Context<AppEnv>): Promise<Session | undefined> {
  const token = bearerToken(c);
  if (!token) return undefined;
  const session = c.get("session") ?? (await findSession(c.get("db"), token));
  if (session) c.set("session", session);
  return session;
}

/** Requires a live session (`Authorization: Bearer <session>`). */
export const requireSession = createMiddleware<AppEnv>(async (c, next) => {
  await loadSession(c);
  await next();
});

/** Requires the ADMIN_TOKEN secret as Bearer token; an unset secret refuses everyone. */
export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
  const expected = c.env.ADMIN_TOKEN;
  const token = bearerToken(c);
  if (!token) throw new ApiError("unauthenticated", "The admin token is required");
  if (!expected || !(await constantTimeEqual(token, expected))) throw new ApiError("forbidden", "The admin token is not valid");
  await next();
});
