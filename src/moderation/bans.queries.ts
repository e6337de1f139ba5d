import { and, eq } from "drizzle-orm";
import type { BatchStatement, Db } from "../db/client";
import { bans } from "../db/schema";

export type Ban = typeof bans.$inferSelect;

/** Whether a ban is in force at `now` (a ban without an end never ends). */
export const isBanActive = (ban: Pick<Ban, "until">, now = Date.now()) => ban.until === null || ban.until > now;

/** The user's ban on the site, in force or not, as a statement for a batch (at most one row). */
export function banStatement(db: Db, siteId: string, userId: string) {
  return db
    .select()
    .from(bans)
    .where(and(eq(bans.siteId, siteId), eq(bans.userId, userId)))
    .limit(1);
}

/** The user's ban on the site, in force or not. */
export async function findBan(db: Db, siteId: string, userId: string): Promise<Ban | undefined> {
  return (await banStatement(db, siteId, userId))[0];
}

/** Bans, or bans again with new terms. */
export function upsertBan(db: Db, ban: Ban): BatchStatement {
  return db
    .insert(bans)
    .values(ban)
    .onConflictDoUpdate({
      target: [bans.siteId, bans.userId],
      set: { until: ban.until, reason: ban.reason, createdBy: ban.createdBy, createdAt: ban.createdAt },
    });
}

export function deleteBan(db: Db, siteId: string, userId: string): BatchStatement {
  return db.delete(bans).where(and(eq(bans.siteId, siteId), eq(bans.userId, userId)));
}
