import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { findSession, type Session } from "../auth/sessions.queries";
import { findComment } from "../db/commentRecords.queries";
import type { AppEnv } from "../env";
import { bearerToken } from "../lib/bearerToken";
import { constantTimeEqual } from "../lib/crypto";
import { ApiError } from "../lib/errors";
import type { Actor } from "./types";

/** A moderator of `siteId`: by their SSO token's role, or by a grant through the admin API (both read with the session). */
export function canModerate(session: Session, siteId: string): boolean {
  return session.siteId === siteId && session.moderates;
}

/** Accepts either the admin token or a session as Bearer; which site it may act on is checked later. */
export const moderationAuth = createMiddleware<AppEnv>(async (c, next) => {
  const token = bearerToken(c);
  if (!token) throw new ApiError("unauthenticated", "Log in as a moderator to do this");
  if (c.env.ADMIN_TOKEN && (await constantTimeEqual(token, c.env.ADMIN_TOKEN))) {
    c.set("actor", { type: "admin", id: null });
  } else {
    const session = await findSession(c.get("db"), token);
    if (!session) throw new ApiError("invalid_session", "The session is unknown or has expired");
    c.set("session", session);
  }
  await next();
});

/** Loads a comment for a moderator of its site; deleted or unknown comments are 404. */
export async function commentToModerate(c: Context<AppEnv>, id: string) {
  const comment = await findComment(c.get("db"), id);
  if (!comment || comment.deleted) throw new ApiError("comment_not_found", "No such comment");
  return { comment, actor: await moderatorOf(c, comment.siteId) };
}

/** The actor for `siteId`, or 403: a moderator of one site has no power on another. */
export async function moderatorOf(c: Context<AppEnv>, siteId: string): Promise<Actor> {
  const admin = c.get("actor");
  if (admin?.type === "admin") return admin;
  const session = c.get("session");
  if (session && canModerate(session, siteId)) return { type: "moderator", id: session.user.id, siteId };
  throw new ApiError("forbidden", "You are not a moderator of this site");
}
