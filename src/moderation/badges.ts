import { and, eq, sql } from "drizzle-orm";
import { runSteps, type Db } from "../db/client";
import { users } from "../db/schema";
import { ApiError } from "../lib/errors";
import { shownBadges } from "../auth/auth.schemas";
import { auditStatement } from "./audit.queries";
import type { Actor } from "./types";

/**
 * A moderator gives a user of their site badges (기자, 전문가, 운영자), replacing those
 * moderators gave before; the SSO claim's badges stay and are shown first. Audited (`badges`).
 * Comments show them within the edge cache's 10 s, like any change.
 */
export async function grantBadges(db: Db, actor: Actor, siteId: string, userId: string, badges: string[], now = Date.now()) {
  const ofSite = and(eq(users.id, userId), eq(users.siteId, siteId));
  const { user } = await runSteps(db, {
    user: db.update(users).set({ grantedBadges: badges, updatedAt: now }).where(ofSite).returning({ badges: users.badges, granted: users.grantedBadges }),
    audit: auditStatement(
      db,
      { siteId, userId, actorType: actor.type, actorId: actor.id, action: "badges", details: { badges }, createdAt: now },
      // Only for a user of this site: a refused grant leaves no trace.
      sql`exists (select 1 from ${users} where ${ofSite})`,
    ),
  });
  return badgesOf(userId, user[0]);
}

/**
 * A user's badges on a site: those shown next to their name (the SSO claim's, then those
 * moderators gave) and those moderators gave, which the badges editor starts from. 404
 * `not_found` for a user of another site, or none.
 */
export async function userBadges(db: Db, siteId: string, userId: string) {
  const found = await db
    .select({ badges: users.badges, granted: users.grantedBadges })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.siteId, siteId)))
    .get();
  return badgesOf(userId, found);
}

/** The badges answer for a user row read (or updated) on the site: 404 `not_found` when there was none. */
function badgesOf(userId: string, found: { badges: string[]; granted: string[] } | undefined) {
  if (!found) throw new ApiError("not_found", "No such user on this site");
  return { userId, badges: shownBadges(found.badges, found.granted), grantedBadges: found.granted };
}
