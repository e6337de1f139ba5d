import { and, count, desc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { runSteps, type Db } from "../db/client";
import { comments, notifications, users } from "../db/schema";

/** Notifications are kept this long (the daily cron deletes older ones). */
export const NOTIFICATION_TTL_MS = 30 * 24 * 3600 * 1000;
/** Characters of the comment shown with a notification. */
const EXCERPT_CHARS = 100;

const actors = alias(users, "actors");

/** The unread count of a reader: only unread entries are read (the partial index `notifications_unread_idx`). */
const unreadStatement = (db: Db, userId: string) =>
  db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));

/**
 * A page of a reader's notifications, newest first (keyset after `before`), with the replier's
 * name and an excerpt of the comment read from the comment itself, and the unread count: one
 * round trip, O(page) rows.
 */
export async function notificationPage(db: Db, userId: string, limit: number, before?: { at: number; id: string }) {
  const after = before ? or(lt(notifications.createdAt, before.at), and(eq(notifications.createdAt, before.at), lt(notifications.id, before.id))) : undefined;
  const { rows, unread } = await runSteps(db, {
    rows: db
      .select({
        notification: notifications,
        actorName: actors.displayName,
        excerpt: sql<string | null>`substr(${comments.body}, 1, ${EXCERPT_CHARS})`,
        threadId: sql<string | null>`coalesce(${comments.parentId}, ${comments.id})`,
        commentAuthorId: comments.authorId,
        commentStatus: comments.status,
        commentDeleted: comments.deleted,
      })
      .from(notifications)
      .leftJoin(actors, eq(actors.id, notifications.actorId))
      .leftJoin(comments, eq(comments.id, notifications.commentId))
      .where(and(eq(notifications.userId, userId), after))
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(limit + 1),
    unread: unreadStatement(db, userId),
  });
  return { rows, unread: unread[0]?.n ?? 0 };
}

export type NotificationRow = Awaited<ReturnType<typeof notificationPage>>["rows"][number];

/** Marks the reader's notifications read (those of `ids`, or all) and returns the unread count left: one round trip. */
export async function markRead(db: Db, userId: string, ids: string[] | undefined, now = Date.now()): Promise<number> {
  const { unread } = await runSteps(db, {
    mark: db
      .update(notifications)
      .set({ readAt: now })
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), ids ? inArray(notifications.id, ids) : undefined)),
    unread: unreadStatement(db, userId),
  });
  return unread[0]?.n ?? 0;
}

/** Retention (daily cron): notifications older than 30 days, through their time index. */
export const expiredNotifications = (db: Db, now: number) => db.delete(notifications).where(lt(notifications.createdAt, now - NOTIFICATION_TTL_MS));
