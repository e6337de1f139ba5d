import { and, asc, desc, eq, inArray, isNotNull, isNull, ne, sql, type SQL } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { selectInChunks, type Db } from "../db/client";
import { articles, bans, comments, queueCounts, queues, reports, users, type Comment, type Queue } from "../db/schema";

/** Where a queue page stopped: the queue's sort value and the id of its last item. */
export interface QueueKey {
  at: number;
  id: string;
}

/**
 * Each queue as an indexed scan: pending oldest first (the backlog), reported by time of
 * reporting (oldest first), rejected newest first, approved by decision time, newest first.
 */
const queueScans: Record<Queue, { where: SQL[]; column: AnySQLiteColumn; ascending: boolean }> = {
  pending: { where: [eq(comments.status, "pending"), isNull(comments.reportedAt)], column: comments.createdAt, ascending: true },
  reported: { where: [isNotNull(comments.reportedAt), ne(comments.status, "rejected")], column: comments.reportedAt, ascending: true },
  rejected: { where: [eq(comments.status, "rejected")], column: comments.createdAt, ascending: false },
  approved: {
    where: [eq(comments.status, "published"), isNotNull(comments.reviewedAt), isNull(comments.reportedAt)],
    column: comments.reviewedAt,
    ascending: false,
  },
};

export function sortValue(queue: Queue, c: Comment): number {
  return (queue === "reported" ? c.reportedAt : queue === "approved" ? c.reviewedAt : c.createdAt) ?? 0;
}

/** One keyset page of a queue (limit + 1 rows, so the caller knows whether more follow). */
export async function queuePage(db: Db, siteId: string, queue: Queue, after: QueueKey | undefined, limit: number): Promise<Comment[]> {
  const scan = queueScans[queue];
  const where = [eq(comments.siteId, siteId), eq(comments.deleted, false), ...scan.where];
  if (after) {
    where.push(
      scan.ascending ? sql`(${scan.column}, ${comments.id}) > (${after.at}, ${after.id})` : sql`(${scan.column}, ${comments.id}) < (${after.at}, ${after.id})`,
    );
  }
  const order = scan.ascending ? [asc(scan.column), asc(comments.id)] : [desc(scan.column), desc(comments.id)];
  return db
    .select()
    .from(comments)
    .where(and(...where))
    .orderBy(...order)
    .limit(limit + 1)
    .all();
}

/** Every queue's size, from the denormalised counters (one row each). */
export async function queueSizes(db: Db, siteId: string): Promise<Record<Queue, number>> {
  const rows = await db.select().from(queueCounts).where(eq(queueCounts.siteId, siteId)).all();
  const sizes = Object.fromEntries(queues.map((q) => [q, 0])) as Record<Queue, number>;
  for (const row of rows) sizes[row.queue] = row.count;
  return sizes;
}

/** What moderators see around the comments of a page: articles, authors, their history and bans, reports. */
export async function queueContext(db: Db, siteId: string, items: Comment[]) {
  const authorIds = [...new Set(items.map((c) => c.authorId))];
  const articleIds = [...new Set(items.map((c) => c.articleId))];
  const [authorRows, articleRows, banRows, reportRows] = await Promise.all([
    selectInChunks(db, authorIds, (part) =>
      db
        .select({
          id: users.id,
          name: users.displayName,
          avatar: users.avatarUrl,
          createdAt: users.createdAt,
          published: users.publishedCount,
          pending: users.pendingCount,
          rejected: users.rejectedCount,
        })
        .from(users)
        .where(inArray(users.id, part)),
    ),
    selectInChunks(db, articleIds, (part) =>
      db
        .select({ id: articles.id, title: articles.title, url: articles.url })
        .from(articles)
        .where(and(eq(articles.siteId, siteId), inArray(articles.id, part))),
    ),
    selectInChunks(db, authorIds, (part) =>
      db
        .select()
        .from(bans)
        .where(and(eq(bans.siteId, siteId), inArray(bans.userId, part))),
    ),
    selectInChunks(
      db,
      items.map((c) => c.id),
      (part) =>
        db
          .select({ commentId: reports.commentId, reason: reports.reason, note: reports.note, userId: reports.userId, createdAt: reports.createdAt })
          .from(reports)
          .where(inArray(reports.commentId, part))
          .orderBy(asc(reports.createdAt))
          .limit(1000),
    ),
  ]);
  return {
    authors: new Map(authorRows.map((a) => [a.id, a])),
    articles: new Map(articleRows.map((a) => [a.id, a])),
    bans: new Map(banRows.map((b) => [b.userId, b])),
    reports: groupBy(reportRows, (r) => r.commentId),
  };
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
}
