import { and, asc, eq, gt, isNull, lte, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { runSteps, type Db } from "../../db/client";
import { articles, comments, notificationSettings, notifications, users } from "../../db/schema";

/** At most one e-mail an hour a reader: what arrives meanwhile waits for the next digest. */
export const EMAIL_INTERVAL_MS = 3600 * 1000;
/** Notifications listed in one e-mail (the rest stay in the widget). */
const MAX_ITEMS = 50;

const actors = alias(users, "actors");

/**
 * What an e-mail to this reader needs, in one round trip: their settings and the unread
 * notifications created since the last e-mail (or the opt-in), oldest first, with the replier's
 * name, the comment's text and the article's URL.
 */
export async function emailDue(db: Db, userId: string) {
  const { settings, rows } = await runSteps(db, {
    settings: db.select().from(notificationSettings).where(eq(notificationSettings.userId, userId)),
    rows: db
      .select({
        notification: notifications,
        actorName: actors.displayName,
        body: comments.body,
        commentStatus: comments.status,
        commentDeleted: comments.deleted,
        commentAuthorId: comments.authorId,
        articleUrl: articles.url,
      })
      .from(notifications)
      .innerJoin(notificationSettings, eq(notificationSettings.userId, notifications.userId))
      .leftJoin(actors, eq(actors.id, notifications.actorId))
      .leftJoin(comments, eq(comments.id, notifications.commentId))
      .leftJoin(articles, and(eq(articles.siteId, notifications.siteId), eq(articles.id, notifications.articleId)))
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), gt(notifications.createdAt, notificationSettings.emailedUntil)))
      .orderBy(asc(notifications.createdAt), asc(notifications.id))
      .limit(MAX_ITEMS),
  });
  return { settings: settings[0], rows };
}

/** Records an e-mail sent, covering notifications up to `until`; only once (guarded on the mark it read). */
export async function markEmailed(db: Db, userId: string, previousUntil: number, until: number, now: number): Promise<void> {
  await db
    .update(notificationSettings)
    .set({ emailedUntil: until, lastEmailAt: now })
    .where(and(eq(notificationSettings.userId, userId), eq(notificationSettings.emailedUntil, previousUntil)));
}

/**
 * Readers the sweep hands to the e-mail queue: opted in, with a vouched address, not written to
 * in the last hour, and with an unread notification since their last e-mail.
 */
export async function readersDue(db: Db, now: number, limit = 500): Promise<string[]> {
  const rows = await db
    .select({ userId: notificationSettings.userId })
    .from(notificationSettings)
    .where(
      and(
        eq(notificationSettings.emailOptIn, true),
        or(isNull(notificationSettings.lastEmailAt), lte(notificationSettings.lastEmailAt, now - EMAIL_INTERVAL_MS)),
        sql`${notificationSettings.emailSealed} is not null`,
        sql`exists (select 1 from ${notifications} as n where n.user_id = ${notificationSettings.userId} and n.read_at is null and n.created_at > ${notificationSettings.emailedUntil})`,
      ),
    )
    .limit(limit);
  return rows.map((r) => r.userId);
}
