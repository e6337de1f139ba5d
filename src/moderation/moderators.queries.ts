import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { moderators, users } from "../db/schema";
import { ApiError } from "../lib/errors";

const toJson = (row: { userId: string; name: string; createdAt: number }) => ({ userId: row.userId, name: row.name, createdAt: new Date(row.createdAt).toISOString() });

/** Grants a user of the site the moderator role (in addition to SSO tokens that carry it). */
export async function grantModerator(db: Db, siteId: string, userId: string, now = Date.now()) {
  const user = await db.select({ name: users.displayName }).from(users).where(and(eq(users.id, userId), eq(users.siteId, siteId))).get();
  if (!user) throw new ApiError("not_found", "No such user on this site");
  await db.insert(moderators).values({ siteId, userId, createdAt: now }).onConflictDoNothing();
  const row = await db.select({ createdAt: moderators.createdAt }).from(moderators).where(and(eq(moderators.siteId, siteId), eq(moderators.userId, userId))).get();
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

export async function revokeModerator(db: Db, siteId: string, userId: string) {
  const result = await db.delete(moderators).where(and(eq(moderators.siteId, siteId), eq(moderators.userId, userId))).run();
  if (result.meta.changes === 0) throw new ApiError("not_found", "This user is not a granted moderator");
}
