import { runSteps, type Db } from "../db/client";
import type { Comment, User } from "../db/schema";
import { sha256Hex } from "../lib/crypto";
import { ApiError } from "../lib/errors";
import { newId } from "../lib/ids";
import { auditStatements, automaticAction } from "../moderation/audit.queries";
import { assertNotBanned } from "../moderation/bans";
import { assertWithinQuota, countPost, withinQuota } from "../limits/quota";
import { moderateComment, rejectedError } from "../moderation/moderateComment";
import { bumpQueue } from "../moderation/queueCounts.queries";
import { queueOf } from "../moderation/queueOf";
import type { SiteRecord } from "../sites/sites.queries";
import { ensureArticle, findArticle } from "./articles.queries";
import { bumpArticleCount, bumpReplyCount, findComment, guards } from "../db/commentRecords.queries";
import { findIdempotencyKey, insertCommentIfAllowed, insertIdempotencyKey } from "./comments.queries";

export interface NewComment {
  body: string;
  /** The author confirms a comment the pipeline warned about. */
  confirm?: boolean;
  parentId?: string;
  url?: string;
  title?: string;
}

export interface CreateCommentArgs {
  site: SiteRecord;
  author: Pick<User, "id" | "role" | "createdAt" | "publishedCount">;
  articleId: string;
  input: NewComment;
  idempotencyKey?: string;
  now?: number;
}

/** The top-level comment a reply attaches to: replies are one level deep, as on Korean portals. */
async function resolveParent(db: Db, site: SiteRecord, articleId: string, parentId: string): Promise<Comment> {
  let parent = await findComment(db, parentId);
  if (parent?.parentId) parent = await findComment(db, parent.parentId);
  if (!parent || parent.siteId !== site.id || parent.articleId !== articleId) {
    throw new ApiError("invalid_parent", "parentId is not a comment of this article");
  }
  if (parent.deleted) throw new ApiError("parent_deleted", "The comment you reply to was deleted");
  if (parent.status !== "published") throw new ApiError("invalid_parent", "You can only reply to a published comment");
  return parent;
}

async function replay(db: Db, commentId: string): Promise<Comment> {
  const comment = await findComment(db, commentId);
  if (!comment || comment.deleted) throw new ApiError("idempotency_key_reused", "The comment this key created has since been deleted");
  if (comment.status === "rejected") {
    throw rejectedError(comment.reasons, comment.id);
  }
  return comment;
}

/** Closed by an admin, or by the site's "close after N days" setting. */
export function isOpen(article: { open: boolean; createdAt: number } | undefined, site: SiteRecord, now: number): boolean {
  if (!article) return true;
  const days = site.settings.closeAfterDays;
  return article.open && (days === null || now - article.createdAt < days * 24 * 3600 * 1000);
}

/**
 * Posts a comment or reply: checks the article is open and the parent is live, asks the
 * moderation pipeline for its status, then writes the article, the comment, its counters and
 * the idempotency key in one batch. A retry with the same Idempotency-Key returns the first
 * comment; two concurrent ones create one (the key's primary key lets only one batch commit).
 */
export async function createComment(db: Db, args: CreateCommentArgs): Promise<{ comment: Comment; replayed: boolean }> {
  const { site, author, articleId, input, idempotencyKey } = args;
  const now = args.now ?? Date.now();
  await assertNotBanned(db, site.id, author.id, now);
  const requestHash = idempotencyKey
    ? await sha256Hex(JSON.stringify([site.id, articleId, input.body, input.parentId ?? null, input.url ?? null, input.title ?? null]))
    : undefined;
  if (idempotencyKey) {
    const seen = await findIdempotencyKey(db, author.id, idempotencyKey);
    if (seen) {
      if (seen.requestHash !== requestHash) throw new ApiError("idempotency_key_reused", "This Idempotency-Key was used for a different request");
      return { comment: await replay(db, seen.commentId), replayed: true };
    }
  }

  const article = await findArticle(db, site.id, articleId);
  if (!isOpen(article, site, now)) throw new ApiError("article_closed", "Comments are closed on this article");
  const parent = input.parentId ? await resolveParent(db, site, articleId, input.parentId) : undefined;

  // Moderators are exempt from the posting quota; everyone else is checked now and again in the insert.
  const quota = author.role === "moderator" ? undefined : { siteId: site.id, userId: author.id, articleId, now };
  if (quota) await assertWithinQuota(db, quota, site.settings);

  const { verdict, bodyHash, toxicity } = await moderateComment(db, {
    site, article, articleId, author, body: input.body, isEdit: false, confirmed: input.confirm === true, now,
  });
  const comment: Comment = {
    id: newId(now), siteId: site.id, articleId, parentId: parent?.id ?? null, authorId: author.id, body: input.body,
    status: verdict.status, deleted: false, likes: 0, dislikes: 0, replyCount: 0, reportCount: 0, createdAt: now, editedAt: null,
    reasons: verdict.reasons.map(({ borderline: _, ...reason }) => reason), toxicity, bodyHash,
    reportedAt: null, reviewedAt: null, reviewedBy: null, version: 0,
  };
  const queue = queueOf(comment);

  // Everything after the insert is guarded on the row being there: a refused insert writes nothing.
  const written = guards.exists(comment.id);
  const steps = {
    article: ensureArticle(db, site.id, articleId, { url: input.url, title: input.title }, now),
    insert: insertCommentIfAllowed(db, comment, quota ? withinQuota(quota, site.settings) : undefined),
    counters: [
      ...(quota ? countPost(db, quota, written) : []),
      bumpArticleCount(db, site.id, articleId, 1, guards.counted(comment.id)),
      ...(parent ? [bumpReplyCount(db, parent.id, 1, guards.counted(comment.id))] : []),
      ...(queue ? [bumpQueue(db, site.id, queue, 1, written)] : []),
    ],
    audit: auditStatements(db, {
      siteId: site.id, commentId: comment.id, userId: author.id, actorType: "system", action: automaticAction(verdict.status),
      statusAfter: comment.status, reason: comment.reasons.map((r) => r.code).join(",") || null, details: toxicity === null ? undefined : { toxicity }, createdAt: now,
    }, written),
    idempotency: idempotencyKey && requestHash
      ? [insertIdempotencyKey(db, { userId: author.id, key: idempotencyKey, requestHash, commentId: comment.id, createdAt: now })]
      : [],
  };

  let results: Awaited<ReturnType<typeof runSteps<typeof steps>>>;
  try {
    results = await runSteps(db, steps);
  } catch (error) {
    const seen = idempotencyKey ? await findIdempotencyKey(db, author.id, idempotencyKey) : undefined;
    if (!seen) throw error;
    if (seen.requestHash !== requestHash) throw new ApiError("idempotency_key_reused", "This Idempotency-Key was used for a different request");
    return { comment: await replay(db, seen.commentId), replayed: true };
  }
  // `changes` also counts the author-counter trigger's update: any change means the row went in.
  const inserted = results.insert.meta.changes > 0;
  if (!inserted) {
    // A concurrent post used up the quota, the article closed or the parent went away.
    if (quota) await assertWithinQuota(db, quota, site.settings);
    const latest = await findArticle(db, site.id, articleId);
    if (latest && !latest.open) throw new ApiError("article_closed", "Comments are closed on this article");
    throw new ApiError("parent_deleted", "The comment you reply to was deleted");
  }
  // Rejected comments are kept (moderators can restore a false positive) but the author is told.
  if (comment.status === "rejected") throw rejectedError(comment.reasons, comment.id);
  return { comment, replayed: false };
}
