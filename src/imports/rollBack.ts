import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { inLists, runBatch, type BatchStatement, type Db } from "../db/client";
import {
  articles,
  bans,
  comments,
  folds,
  identities,
  importSources,
  moderationActions,
  moderators,
  notifications,
  queues,
  reactions,
  reports,
  users,
  type Queue,
} from "../db/schema";
import { bumpQueue } from "../moderation/queueCounts.queries";
import { queueOf } from "../moderation/queueOf";
import { recountArticle, recountReplies } from "./recount.queries";

/** Comments deleted per batch: a large import is taken back in steps, each exact on its own. */
const ROWS_PER_BATCH = 400;

/**
 * Deletes everything an import wrote (comments, then its reports and audit entries, its authors
 * with their identities, grants and bans, articles and remembered source ids) and sets back every counter those rows moved: queue sizes with each step of
 * deletions, author counts by the comments' triggers, and the counts of articles and comments
 * the import did not create but added to. Safe to run again after an interruption.
 */
export async function rollBack(db: Db, siteId: string, importId: string): Promise<void> {
  const mine = eq(comments.importId, importId);
  const outsideArticles = await db
    .selectDistinct({ id: comments.articleId })
    .from(comments)
    .where(and(mine, sql`not exists (select 1 from ${articles} a where a.site_id = ${siteId} and a.id = ${comments.articleId} and a.import_id = ${importId})`));
  const outsideRoots = await db
    .selectDistinct({ id: comments.parentId })
    .from(comments)
    .where(and(mine, isNotNull(comments.parentId), sql`(select p.import_id from ${comments} p where p.id = ${comments.parentId}) is not ${importId}`));
  for (;;) {
    const rows = await db
      .select({ id: comments.id, status: comments.status, deleted: comments.deleted, reportedAt: comments.reportedAt, reviewedAt: comments.reviewedAt })
      .from(comments)
      .where(mine)
      .limit(ROWS_PER_BATCH);
    if (rows.length === 0) break;
    const sizes = new Map<Queue, number>(queues.map((q) => [q, 0]));
    for (const row of rows) {
      const queue = queueOf(row);
      if (queue) sizes.set(queue, sizes.get(queue)! + 1);
    }
    const statements: BatchStatement[] = [];
    for (const [queue, size] of sizes) if (size) statements.push(bumpQueue(db, siteId, queue, -size, sql`1`));
    for (const part of inLists(rows.map((r) => r.id))) {
      // What hangs on them (readers' reactions, folds, reports and notifications, when a finished import is taken back) goes with them.
      statements.push(
        db.delete(reactions).where(inArray(reactions.commentId, part)),
        db.delete(folds).where(inArray(folds.commentId, part)),
        db.delete(reports).where(inArray(reports.commentId, part)),
        db.delete(notifications).where(inArray(notifications.commentId, part)),
        db.delete(comments).where(inArray(comments.id, part)),
      );
    }
    await runBatch(db, statements);
  }
  const goneAuthors = sql`select ${users.id} from ${users} where ${users.importId} = ${importId} and not exists (select 1 from ${comments} c where c.author_id = ${users.id})`;
  const restored = (kind: "report" | "action") =>
    sql`select ${importSources.localId} from ${importSources} where ${importSources.importId} = ${importId} and ${importSources.kind} = ${kind}`;
  await runBatch(db, [
    // What only a Marginalia export brings: reports and audit entries (by their remembered ids), the authors' logins, grants and bans.
    db.delete(reports).where(sql`${reports.id} in (${restored("report")})`),
    db.delete(moderationActions).where(sql`${moderationActions.id} in (${restored("action")})`),
    db.delete(identities).where(and(eq(identities.siteId, siteId), sql`${identities.userId} in (${goneAuthors})`)),
    db.delete(moderators).where(and(eq(moderators.siteId, siteId), sql`${moderators.userId} in (${goneAuthors})`)),
    db.delete(bans).where(and(eq(bans.siteId, siteId), sql`${bans.userId} in (${goneAuthors})`)),
    db.delete(users).where(and(eq(users.importId, importId), sql`not exists (select 1 from ${comments} c where c.author_id = ${users.id})`)),
    db
      .delete(articles)
      .where(and(eq(articles.importId, importId), sql`not exists (select 1 from ${comments} c where c.site_id = ${siteId} and c.article_id = ${articles.id})`)),
    db.delete(importSources).where(eq(importSources.importId, importId)),
    ...outsideArticles.map((a) => recountArticle(db, siteId, a.id)),
    ...outsideRoots.map((r) => recountReplies(db, r.id!)),
  ]);
}
