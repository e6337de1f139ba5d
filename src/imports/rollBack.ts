import { and, eq, inArray, sql } from "drizzle-orm";
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

/** How much one invocation takes back: comments a step deletes (one D1 batch, exact on its own) and steps before it hands over. */
export interface RollbackLimits {
  rows: number;
  stepsPerRun: number;
}

const DEFAULT_ROLLBACK: RollbackLimits = { rows: 400, stepsPerRun: 50 };

/**
 * Deletes everything an import wrote (comments with what hangs on them, then its reports and
 * audit entries, its authors with their identities, grants and bans, articles and remembered
 * source ids) and sets back every counter those rows moved, each step exact on its own: queue
 * sizes, and the counts of the articles and top-level comments the step's comments were counted
 * in, in the step's own batch; author counts by the comments' triggers. At most
 * `limits.stepsPerRun` steps: returns false when comments are left for another run (the caller
 * queues it), true once all is taken back. Safe to run again after an interruption.
 */
export async function rollBack(db: Db, siteId: string, importId: string, limits: RollbackLimits = DEFAULT_ROLLBACK): Promise<boolean> {
  const mine = eq(comments.importId, importId);
  for (let step = 0; ; step++) {
    const rows = await db
      .select({
        id: comments.id,
        articleId: comments.articleId,
        parentId: comments.parentId,
        status: comments.status,
        deleted: comments.deleted,
        reportedAt: comments.reportedAt,
        reviewedAt: comments.reviewedAt,
      })
      .from(comments)
      .where(mine)
      .limit(limits.rows);
    if (rows.length === 0) break;
    if (step >= limits.stepsPerRun) return false;
    const sizes = new Map<Queue, number>(queues.map((q) => [q, 0]));
    for (const row of rows) {
      const queue = queueOf(row);
      if (queue) sizes.set(queue, sizes.get(queue)! + 1);
    }
    const statements: BatchStatement[] = [];
    for (const [queue, size] of sizes) if (size) statements.push(bumpQueue(db, siteId, queue, -size, sql`1`));
    const ids = rows.map((r) => r.id);
    for (const part of inLists(ids)) {
      // What hangs on them (readers' reactions, folds, reports and notifications, when a finished import is taken back) goes with them.
      statements.push(
        db.delete(reactions).where(inArray(reactions.commentId, part)),
        db.delete(folds).where(inArray(folds.commentId, part)),
        db.delete(reports).where(inArray(reports.commentId, part)),
        db.delete(notifications).where(inArray(notifications.commentId, part)),
        db.delete(comments).where(inArray(comments.id, part)),
      );
    }
    // The counts these comments were part of, from the rows left (the import's own articles and threads go later, harmlessly recounted).
    const gone = new Set(ids);
    for (const articleId of new Set(rows.map((r) => r.articleId))) statements.push(recountArticle(db, siteId, articleId));
    for (const parentId of new Set(rows.map((r) => r.parentId))) if (parentId && !gone.has(parentId)) statements.push(recountReplies(db, parentId));
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
  ]);
  return true;
}
