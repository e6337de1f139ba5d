import { and, eq } from "drizzle-orm";
import { type Db, runSteps } from "../db/client";
import { moderators, users } from "../db/schema";
import { ApiError } from "../lib/errors";
import { iso } from "../lib/iso";

const toJson = (row: { userId: string; name: string; createdAt: number }) => ({ userId: row.userId, name: row.name, createdAt: iso(row.createdAt) });

/** Whether `userId` is an account of the site. */
export async function isSiteUser(db: Db, siteId: string, userId: string): Promise<boolean> {
  const user = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.siteId, siteId)))
    .get();
  return user !== undefined;
}

/** Grants a user of the site the moderator role (in addition to SSO tokens that carry it). */
export async function grantModerator(db: Db, siteId: string, userId: string, now = Date.now()) {
  const user = await db
    .select({ name: users.displayName })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.siteId, siteId)))
    .get();
  if (!user) throw new ApiError("not_found", "No such user on this site");
  await db.insert(moderators).values({ siteId, userId, createdAt: now }).onConflictDoNothing();
  const row = await db
    .select({ createdAt: moderators.createdAt })
    .from(moderators)
    .where(and(eq(moderators.siteId, siteId), eq(moderators.userId, userId)))
    .get();
  return toJson({ userId, name: user.name, createdAt: row?.createdAt ?? now });
}

export async function listModerators(db: Db, siteId: string) {
  const rows = await db
    .select({ userId: moderators.userId, name: users.displayName, createdAt: moderators.createdAt })
    .from(moderators)
    .innerJoin(users, eq(users.id, moderators.userId))
    .where(eq(moderators.siteId, siteId))
    .all();
  return rows.map(toJson);
}

/**
 * Ends a user's moderator power on the site: the grant goes, and so does the moderator role
 * the site's last SSO token gave (until a new token carries it again). Sessions read both on
 * every request, so every session of the user loses the power at once.
 */
export async function revokeModerator(db: Db, siteId: string, userId: string, now = Date.now()) {
  const { grant, role } = await runSteps(db, {
    grant: db.delete(moderators).where(and(eq(moderators.siteId, siteId), eq(moderators.userId, userId))),
    role: db
      .update(users)
      .set({ role: "commenter", updatedAt: now })
      .where(and(eq(users.id, userId), eq(users.siteId, siteId), eq(users.role, "moderator"))),
  });
  if (grant.meta.changes === 0 && role.meta.changes === 0) throw new ApiError("not_found", "This user is not a moderator of this site");
}
