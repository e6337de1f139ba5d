import { and, eq, sql } from "drizzle-orm";
import type { BatchStatement, Db } from "../db/client";
import {
  authorDecisions,
  bans,
  comments,
  dailyCounters,
  folds,
  identities,
  idempotencyKeys,
  moderationActions,
  moderators,
  notificationSettings,
  notifications,
  reactions,
  reports,
  sessions,
  users,
} from "../db/schema";
import { deleteUserLoginState } from "../auth/social/pendingLogins.queries";
import { countsAndSortKeys, siteRatioMinReactions } from "../comments/sortKeys";

/**
 * Takes a user's reactions, reports and folds back, with the like/dislike and report counters
 * of the comments they were on, in one batch: each counter loses exactly what the user added
 * (fold counts follow the `folds` rows through their triggers).
 */
export function withdrawReactionsAndReports(db: Db, siteId: string, userId: string): BatchStatement[] {
  const mine = (value: "like" | "dislike") =>
    sql`(select count(*) from ${reactions} as r where r.comment_id = c.id and r.user_id = ${userId} and r.value = ${value})`;
  const myReports = sql`(select count(*) from ${reports} as r where r.comment_id = ${comments.id} and r.user_id = ${userId})`;
  // The counts without the user's reactions, and the sort keys with them (`countsAndSortKeys`): each row written once.
  const without = sql`select c.id, c.likes - ${mine("like")} as likes, c.dislikes - ${mine("dislike")} as dislikes
    from ${comments} as c where c.id in (select comment_id from ${reactions} where user_id = ${userId})`;
  return [
    db.run(sql`update ${comments} set ${countsAndSortKeys(sql`n.likes`, sql`n.dislikes`, siteRatioMinReactions(siteId))}
      from (${without}) as n where ${comments.id} = n.id`),
    db.delete(reactions).where(eq(reactions.userId, userId)),
    db
      .update(comments)
      .set({ reportCount: sql`${comments.reportCount} - ${myReports}` })
      .where(sql`${comments.id} in (select comment_id from ${reports} where user_id = ${userId})`),
    db.delete(reports).where(eq(reports.userId, userId)),
    db.delete(folds).where(eq(folds.userId, userId)),
  ];
}

/** Whether the user ever acted as a moderator (their decisions then carry their id). */
export async function hasModerated(db: Db, siteId: string, userId: string): Promise<boolean> {
  const row = await db
    .select({ id: moderationActions.id })
    .from(moderationActions)
    .where(and(eq(moderationActions.siteId, siteId), eq(moderationActions.actorId, userId)))
    .limit(1)
    .get();
  return row !== undefined;
}

/**
 * The last step of deleting an account: where the user's id must stay for the record (the audit
 * log, placeholders kept for replies, decisions and bans they made), it is replaced by one
 * anonymous marker; everything else about them — identities, sessions, grants, bans, counters,
 * pending logins, notifications and e-mail settings, and the account itself — is deleted.
 */
export function eraseUser(db: Db, siteId: string, userId: string, anonymousId: string, moderated: boolean): BatchStatement[] {
  return [
    db.update(comments).set({ authorId: anonymousId }).where(eq(comments.authorId, userId)),
    db
      .update(moderationActions)
      .set({ userId: anonymousId })
      .where(and(eq(moderationActions.siteId, siteId), eq(moderationActions.userId, userId))),
    ...(moderated
      ? [
          db
            .update(moderationActions)
            .set({ actorId: anonymousId })
            .where(and(eq(moderationActions.siteId, siteId), eq(moderationActions.actorId, userId))),
          db
            .update(comments)
            .set({ reviewedBy: anonymousId })
            .where(and(eq(comments.siteId, siteId), eq(comments.reviewedBy, userId))),
          db
            .update(bans)
            .set({ createdBy: anonymousId })
            .where(and(eq(bans.siteId, siteId), eq(bans.createdBy, userId))),
        ]
      : []),
    db.delete(bans).where(and(eq(bans.siteId, siteId), eq(bans.userId, userId))),
    db.delete(moderators).where(and(eq(moderators.siteId, siteId), eq(moderators.userId, userId))),
    db.delete(dailyCounters).where(and(eq(dailyCounters.siteId, siteId), eq(dailyCounters.userId, userId))),
    db.delete(authorDecisions).where(and(eq(authorDecisions.siteId, siteId), eq(authorDecisions.userId, userId))),
    db.delete(idempotencyKeys).where(eq(idempotencyKeys.userId, userId)),
    db.delete(notifications).where(eq(notifications.userId, userId)),
    db.delete(notificationSettings).where(eq(notificationSettings.userId, userId)),
    ...deleteUserLoginState(db, userId),
    db.delete(identities).where(eq(identities.userId, userId)),
    db.delete(sessions).where(eq(sessions.userId, userId)),
    db.delete(users).where(eq(users.id, userId)),
  ];
}
