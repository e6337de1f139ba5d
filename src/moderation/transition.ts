import { and, eq, sql, type SQL } from "drizzle-orm";
import { type Db, runSteps } from "../db/client";
import { comments, type Comment } from "../db/schema";
import { bumpArticleCount, bumpReplyCount, findComment } from "../db/commentRecords.queries";
import { ApiError } from "../lib/errors";
import { auditStatements, type AuditEntry } from "./audit.queries";
import { queueMove } from "./queueCounts.queries";
import { queueOf } from "./queueOf";
import { transitionNotices } from "../notifications/transitionNotices";

type Changeable = Pick<
  Comment,
  "status" | "body" | "publicBody" | "editedAt" | "reasons" | "toxicity" | "bodyHash" | "reportedAt" | "reviewedAt" | "reviewedBy"
>;

export interface Transition {
  before: Comment;
  set: Partial<Changeable>;
  audit?: Omit<AuditEntry, "siteId" | "commentId" | "userId" | "statusBefore" | "statusAfter">;
}

const isCounted = (c: Pick<Comment, "status" | "deleted">) => c.status === "published" && !c.deleted;

/**
 * The steps that move a comment from the state it was read in to a new one, with every counter
 * that depends on it (article count, parent's reply count, queue sizes), an audit entry and the
 * notifications it causes (notifications/transitionNotices.ts), for
 * a batch of their own or another's. Everything applies only to the version that was read, so
 * of two moderators acting at once exactly one wins and nothing is counted twice; `update`'s
 * `changes` tells whether this one did. `alsoRequire` guards them all on more (the report that
 * triggers them having gone in).
 */
export function transitionSteps(db: Db, t: Transition, alsoRequire: SQL = sql`1`) {
  const { before } = t;
  const after: Comment = { ...before, ...t.set, version: before.version + 1 };
  // Every dependent write is guarded on the comment still being at the version that was read,
  // and runs before the update: the batch is atomic, so either all of it applies or none.
  const unchanged = sql`exists (select 1 from ${comments} where ${comments.id} = ${before.id} and ${comments.version} = ${before.version} and ${comments.deleted} = 0) and ${alsoRequire}`;
  const countDelta = Number(isCounted(after)) - Number(isCounted(before));
  return {
    after,
    steps: {
      counts:
        countDelta === 0
          ? []
          : [
              bumpArticleCount(db, before.siteId, before.articleId, countDelta, unchanged),
              ...(before.parentId ? [bumpReplyCount(db, before.parentId, countDelta, unchanged)] : []),
            ],
      queues: queueMove(db, before.siteId, queueOf(before), queueOf(after), unchanged),
      audit: t.audit
        ? auditStatements(
            db,
            {
              ...t.audit,
              siteId: before.siteId,
              commentId: before.id,
              userId: before.authorId,
              statusBefore: before.status,
              statusAfter: after.status,
            },
            unchanged,
          )
        : [],
      notices: transitionNotices(
        db,
        before,
        after,
        t.audit && { actorType: t.audit.actorType, reason: t.audit.reason ?? null, createdAt: t.audit.createdAt },
        unchanged,
      ),
      update: db
        .update(comments)
        .set({ ...t.set, version: sql`${comments.version} + 1` })
        .where(and(eq(comments.id, before.id), eq(comments.version, before.version), eq(comments.deleted, false), alsoRequire)),
    },
  };
}

/** Moves a comment to a new state in one batch (`transitionSteps`); 409 `state_changed` when another change came first. */
export async function applyTransition(db: Db, t: Transition): Promise<Comment> {
  const { after, steps } = transitionSteps(db, t);
  const { update } = await runSteps(db, steps);
  if (update.meta.changes === 0) throw await conflict(db, t.before.id);
  return after;
}

/** The 409 for an action that lost a race, carrying the state that won. */
export async function conflict(db: Db, id: string): Promise<ApiError> {
  const current = await findComment(db, id);
  if (!current || current.deleted) return new ApiError("comment_not_found", "The comment was deleted meanwhile");
  return new ApiError("state_changed", "Someone else changed this comment first", {
    current: { id: current.id, status: current.status, version: current.version, reported: current.reportedAt !== null, reviewedBy: current.reviewedBy },
  });
}
