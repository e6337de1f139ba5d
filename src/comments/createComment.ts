import { and, eq, or, sql } from "drizzle-orm";
import { runSteps, type Db } from "../db/client";
import { comments, idempotencyKeys, type Comment, type User } from "../db/schema";
import { sha256Hex } from "../lib/crypto";
import { ApiError } from "../lib/errors";
import { newId } from "../lib/ids";
import { auditStatements, automaticAction } from "../moderation/audit.queries";
import { refuseIfBanned } from "../moderation/bans";
import { banStatement } from "../moderation/bans.queries";
import { historySteps, readHistory } from "../moderation/history.queries";
import { assertWithinQuota, countPost, quotaStatement, refuseOverQuota, type QuotaRow, type QuotaScope, withinQuota } from "../limits/quota";
import { type Moderated, moderateComment, prepareText, rejectedError } from "../moderation/moderateComment";
import { bumpQueue } from "../moderation/queueCounts.queries";
import { queueOf } from "../moderation/queueOf";
import type { SiteRecord } from "../sites/sites.queries";
import { scoringSteps, siteScoringFrom } from "../moderation/adaptation/siteScoring";
import { articleStatement, ensureArticle, findArticle } from "./articles.queries";
import { bumpArticleCount, bumpReplyCount, guards } from "../db/commentRecords.queries";
import { insertCommentIfAllowed, insertIdempotencyKey } from "./comments.queries";
import { replyNotice } from "../notifications/notices.queries";

interface NewComment {
  body: string;
  /** The author confirms a comment the pipeline warned about. */
  confirm?: boolean;
  parentId?: string;
  url?: string;
  title?: string;
}

export interface CreateCommentArgs {
  site: SiteRecord;
  /** `moderates`: the session's (SSO role or grant): a moderator's comment skips the pipeline and the quotas. */
  author: Pick<User, "id" | "createdAt" | "publishedCount"> & { moderates: boolean };
  articleId: string;
  input: NewComment;
  idempotencyKey?: string;
  now?: number;
}

/** The comment replied to and, when that is itself a reply, its parent: one statement, at most two rows. */
function parentChainStatement(db: Db, parentId: string) {
  return db
    .select()
    .from(comments)
    .where(or(eq(comments.id, parentId), eq(comments.id, sql`(select ${comments.parentId} from ${comments} where ${comments.id} = ${parentId})`)));
}

/** The top-level comment a reply attaches to (replies are one level deep, as on Korean portals), from `parentChainStatement`'s rows. */
function parentOf(chain: Comment[], site: SiteRecord, articleId: string, parentId: string): Comment {
  const named = chain.find((c) => c.id === parentId);
  const parent = named?.parentId ? chain.find((c) => c.id === named.parentId) : named;
  if (!parent || parent.siteId !== site.id || parent.articleId !== articleId) {
    throw new ApiError("invalid_parent", "parentId is not a comment of this article");
  }
  if (parent.deleted) throw new ApiError("parent_deleted", "The comment you reply to was deleted");
  if (parent.status !== "published") throw new ApiError("invalid_parent", "You can only reply to a published comment");
  return parent;
}

function replay(comment: Comment | undefined): { comment: Comment; replayed: true } {
  if (!comment || comment.deleted) throw new ApiError("idempotency_key_reused", "The comment this key created has since been deleted");
  if (comment.status === "rejected") {
    throw rejectedError(comment.reasons, comment.id);
  }
  return { comment, replayed: true };
}

/** Closed by an admin, or by the site's "close after N days" setting. */
function isOpen(article: { open: boolean; createdAt: number } | undefined, site: SiteRecord, now: number): boolean {
  if (!article) return true;
  const days = site.settings.closeAfterDays;
  return article.open && (days === null || now - article.createdAt < days * 24 * 3600 * 1000);
}

/** An Idempotency-Key's record and the comment it created, as steps of the post's read batch. */
function idempotencySteps(db: Db, authorId: string, key: string | undefined) {
  if (!key) return { seen: [], seenComment: [] };
  const where = and(eq(idempotencyKeys.userId, authorId), eq(idempotencyKeys.key, key));
  return {
    seen: [db.select().from(idempotencyKeys).where(where).limit(1)],
    seenComment: [
      db
        .select()
        .from(comments)
        .where(eq(comments.id, sql`(select ${idempotencyKeys.commentId} from ${idempotencyKeys} where ${where})`))
        .limit(1),
    ],
  };
}

/** The comment a retried request with this Idempotency-Key already created, if any (from `idempotencySteps`' rows). */
function earlierAttempt(found: { seen: unknown[]; seenComment: unknown[] }, requestHash: string | undefined) {
  const seen = (found.seen[0] as (typeof idempotencyKeys.$inferSelect)[] | undefined)?.[0];
  if (!seen) return undefined;
  if (seen.requestHash !== requestHash) throw new ApiError("idempotency_key_reused", "This Idempotency-Key was used for a different request");
  return replay((found.seenComment[0] as Comment[] | undefined)?.[0]);
}

/** The same, read on its own: after a batch lost the key's race to a concurrent one. */
async function raceWinner(db: Db, authorId: string, key: string | undefined, requestHash: string | undefined) {
  return earlierAttempt(await runSteps(db, idempotencySteps(db, authorId, key)), requestHash);
}

/** The new row as the pipeline decided it. */
function newComment(args: CreateCommentArgs, now: number, parentId: string | null, moderated: Moderated): Comment {
  const { verdict, bodyHash, toxicity, publicBody } = moderated;
  return {
    id: newId(now),
    siteId: args.site.id,
    articleId: args.articleId,
    parentId,
    authorId: args.author.id,
    body: args.input.body,
    publicBody,
    status: verdict.status,
    deleted: false,
    likes: 0,
    dislikes: 0,
    replyCount: 0,
    reportCount: 0,
    net: 0,
    ratioKey: 0,
    foldCount: 0,
    pinnedAt: null,
    featuredAt: null,
    createdAt: now,
    editedAt: null,
    reasons: verdict.reasons.map(({ borderline: _, ...reason }) => reason),
    toxicity,
    bodyHash,
    reportedAt: null,
    reviewedAt: null,
    reviewedBy: null,
    version: 0,
    importId: null,
  };
}

/**
 * The batch that writes a new comment: its article, the row (only while the article is open,
 * the parent live and the quota not spent), then counters, audit entry and idempotency key,
 * each guarded on the row being there, so a refused insert writes nothing.
 */
function postSteps(
  db: Db,
  args: CreateCommentArgs,
  comment: Comment,
  quota: QuotaScope | undefined,
  idempotency: { key: string; requestHash: string } | undefined,
) {
  const { site, input } = args;
  const written = guards.exists(comment.id);
  const queue = queueOf(comment);
  return {
    article: ensureArticle(db, site.id, comment.articleId, { url: input.url, title: input.title }, comment.createdAt),
    insert: insertCommentIfAllowed(db, comment, quota ? withinQuota(quota, site.settings) : undefined),
    counters: [
      ...(quota ? countPost(db, quota, written) : []),
      bumpArticleCount(db, site.id, comment.articleId, 1, guards.counted(comment.id)),
      ...(comment.parentId ? [bumpReplyCount(db, comment.parentId, 1, guards.counted(comment.id))] : []),
      ...(queue ? [bumpQueue(db, site.id, queue, 1, written)] : []),
    ],
    audit: auditStatements(
      db,
      {
        siteId: site.id,
        commentId: comment.id,
        userId: comment.authorId,
        actorType: "system",
        action: automaticAction(comment.status),
        statusAfter: comment.status,
        reason: comment.reasons.map((r) => r.code).join(",") || null,
        details: comment.toxicity === null ? undefined : { toxicity: comment.toxicity },
        createdAt: comment.createdAt,
      },
      written,
    ),
    idempotency: idempotency
      ? [insertIdempotencyKey(db, { userId: comment.authorId, ...idempotency, commentId: comment.id, createdAt: comment.createdAt })]
      : [],
    // The thread's author, and the author of the reply answered when there is one (a held reply
    // tells only the thread's author, when a moderator publishes it: transition.ts).
    notices:
      comment.status === "published"
        ? [
            ...replyNotice(db, comment, guards.counted(comment.id), comment.createdAt),
            ...(args.input.parentId && args.input.parentId !== comment.parentId
              ? replyNotice(db, comment, guards.counted(comment.id), comment.createdAt, args.input.parentId)
              : []),
          ]
        : [],
  };
}

/** Why the guarded insert wrote nothing: a concurrent post used the quota, the article closed or the parent went. */
async function refusedInsert(db: Db, site: SiteRecord, articleId: string, quota: QuotaScope | undefined): Promise<ApiError> {
  if (quota) await assertWithinQuota(db, quota, site.settings);
  const latest = await findArticle(db, site.id, articleId);
  if (latest && !latest.open) return new ApiError("article_closed", "Comments are closed on this article");
  return new ApiError("parent_deleted", "The comment you reply to was deleted");
}

/**
 * Posts a comment or reply: checks the article is open and the parent is live, asks the
 * moderation pipeline for its status, then writes the article, the comment, its counters and
 * the idempotency key (and the thread author's reply notification) in one batch: two D1 calls, one read batch (ban, idempotency key,
 * article, parent, quota, author history, the site's adaptation when this isolate's copy is
 * stale) and one write batch. A retry with the same
 * Idempotency-Key returns the first comment; two concurrent ones create one (the key's primary
 * key lets only one batch commit).
 */
export async function createComment(db: Db, args: CreateCommentArgs): Promise<{ comment: Comment; replayed: boolean }> {
  const { site, author, articleId, input, idempotencyKey } = args;
  const now = args.now ?? Date.now();
  const requestHash = idempotencyKey
    ? await sha256Hex(JSON.stringify([site.id, articleId, input.body, input.parentId ?? null, input.url ?? null, input.title ?? null]))
    : undefined;
  // Moderators are exempt from the posting quota; everyone else is checked now and again in the insert.
  const quota = author.moderates ? undefined : { siteId: site.id, userId: author.id, articleId, now };
  const text = await prepareText(input.body, site.settings, author);
  // Everything the checks need, in one round trip.
  const found = await runSteps(db, {
    ban: banStatement(db, site.id, author.id),
    ...idempotencySteps(db, author.id, idempotencyKey),
    article: articleStatement(db, site.id, articleId),
    parentChain: input.parentId ? [parentChainStatement(db, input.parentId)] : [],
    quota: quota ? [quotaStatement(db, quota)] : [],
    ...historySteps(db, { siteId: site.id, authorId: author.id, bodyHash: text.bodyHash, now }),
    ...scoringSteps(db, site.id, now),
  });
  refuseIfBanned(found.ban[0], now);
  const earlier = earlierAttempt(found, requestHash);
  if (earlier) return earlier;

  const article = found.article[0];
  if (!isOpen(article, site, now)) throw new ApiError("article_closed", "Comments are closed on this article");
  const parent = input.parentId ? parentOf((found.parentChain[0] as Comment[]) ?? [], site, articleId, input.parentId) : undefined;
  if (quota) refuseOverQuota((found.quota[0] as QuotaRow[] | undefined)?.[0], quota, site.settings);

  const moderated = await moderateComment({
    site,
    adaptation: siteScoringFrom(found, site.id, now),
    text,
    history: readHistory(found, articleId),
    article,
    articleId,
    author,
    body: input.body,
    isEdit: false,
    confirmed: input.confirm === true,
    now,
  });
  const comment = newComment(args, now, parent?.id ?? null, moderated);
  const idempotency = idempotencyKey && requestHash ? { key: idempotencyKey, requestHash } : undefined;
  let inserted: boolean;
  try {
    // `changes` also counts the author-counter trigger's update: any change means the row went in.
    inserted = (await runSteps(db, postSteps(db, args, comment, quota, idempotency))).insert.meta.changes > 0;
  } catch (error) {
    // Two requests with one Idempotency-Key: the key's primary key failed the loser's batch.
    const winner = await raceWinner(db, author.id, idempotencyKey, requestHash);
    if (!winner) throw error;
    return winner;
  }
  if (!inserted) throw await refusedInsert(db, site, articleId, quota);
  // Rejected comments are kept (moderators can restore a false positive) but the author is told.
  if (comment.status === "rejected") throw rejectedError(comment.reasons, comment.id);
  return { comment, replayed: false };
}
