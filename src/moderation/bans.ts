import { and, eq } from "drizzle-orm";
import { runBatch, type Db } from "../db/client";
import { bans, users } from "../db/schema";
import { ApiError } from "../lib/errors";
import type { Actor } from "./actor";
import { auditStatement } from "./audit";

export type Ban = typeof bans.$inferSelect;

/** The user's ban on the site, if one is in force now. */
export async function activeBan(db: Db, siteId: string, userId: string, now = Date.now()): Promise<Ban | undefined> {
  const ban = await db.select().from(bans).where(and(eq(bans.siteId, siteId), eq(bans.userId, userId))).get();
  return ban && (ban.until === null || ban.until > now) ? ban : undefined;
}

/** Refuses writes (post, edit, react, report) from a banned user: 403 with the end date. */
export async function assertNotBanned(db: Db, siteId: string, userId: string, now = Date.now()): Promise<void> {
  const ban = await activeBan(db, siteId, userId, now);
  if (!ban) return;
  const until = ban.until === null ? null : new Date(ban.until).toISOString();
  throw new ApiError("banned", until ? `You are banned from commenting on this site until ${until}` : "You are banned from commenting on this site", {
    until, reason: ban.reason,
  });
}

async function siteUser(db: Db, siteId: string, userId: string) {
  const user = await db.select({ id: users.id }).from(users).where(and(eq(users.id, userId), eq(users.siteId, siteId))).get();
  if (!user) throw new ApiError("not_found", "No such user on this site");
}

/** Bans (or re-bans with new terms) a user of the site; audited. */
export async function banUser(db: Db, actor: Actor, siteId: string, userId: string, until: number | null, reason: string | null, now = Date.now()): Promise<Ban> {
  await siteUser(db, siteId, userId);
  const ban: Ban = { siteId, userId, until, reason, createdBy: actor.id ?? "admin", createdAt: now };
  await runBatch(db, [
    db.insert(bans).values(ban).onConflictDoUpdate({ target: [bans.siteId, bans.userId], set: { until, reason, createdBy: ban.createdBy, createdAt: now } }),
    auditStatement(db, { siteId, userId, actorType: actor.type, actorId: actor.id, action: "ban", reason, details: { until: until === null ? null : new Date(until).toISOString() }, createdAt: now }),
  ]);
  return ban;
}

/** Lifts a ban; 404 when there was none. */
export async function unbanUser(db: Db, actor: Actor, siteId: string, userId: string, now = Date.now()): Promise<void> {
  const where = and(eq(bans.siteId, siteId), eq(bans.userId, userId));
  const existing = await db.select().from(bans).where(where).get();
  if (!existing) throw new ApiError("not_found", "This user is not banned");
  await runBatch(db, [
    db.delete(bans).where(where),
    auditStatement(db, { siteId, userId, actorType: actor.type, actorId: actor.id, action: "unban", createdAt: now }),
  ]);
}
