import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { readSession, sessionStatement } from "../auth/sessions.queries";
import { inLists, runSteps, type Db } from "../db/client";
import { comments, folds, reactions, sessions, type Comment, type ReactionValue } from "../db/schema";
import type { Sort } from "./comments.schemas";
import { articleStatement } from "./articles.queries";
import { pastKey, type PageKey, type Thread } from "./list.queries";

/**
 * What a signed-in reader sees on top of the public page: their own comments the page cannot
 * show (pending, or published or edited since the public page was made), their reactions and
 * the comments they folded.
 */
export interface OverlayRequest {
  tokenHash: string;
  thread: Thread;
  sort: Sort;
  after: PageKey | undefined;
  limit: number;
  /** Top-level comments of the public page, whose replies the viewer may have added to. */
  parentIds: string[];
  /** Every comment on the public page, replies included: the viewer's reactions to them and folds of them. */
  commentIds: string[];
  /** Own comments published or edited from this instant on are read from D1, not from the public page. */
  since: number;
}

/** The viewer behind the token hash on this site, as a subquery: null for an unknown, expired or other site's session. */
const viewerOf = (tokenHash: string, siteId: string, now: number) =>
  sql`(select ${sessions.userId} from ${sessions} where ${sessions.tokenHash} = ${tokenHash} and ${sessions.expiresAt} > ${now} and ${sessions.siteId} = ${siteId})`;

/**
 * The viewer's comments in this article the public page may lack, as two conditions (each one
 * statement): pending ones, and published ones created, edited or approved since `since`. Both
 * seek the author index (author, site, status, article): the author's own comments in this
 * article, never the thread's. The level's column is written `+parent_id`, which keeps SQLite
 * off the thread index, where it would walk every comment of the thread.
 */
function ownComments(viewer: SQL, thread: Thread, since: number) {
  const mine = [sql`${comments.authorId} = ${viewer}`, eq(comments.siteId, thread.siteId), eq(comments.articleId, thread.articleId)];
  return {
    pending: [...mine, eq(comments.status, "pending")],
    changed: [
      ...mine,
      eq(comments.status, "published"),
      sql`(coalesce(${comments.editedAt}, ${comments.createdAt}) >= ${since} or ${comments.reviewedAt} >= ${since})`,
    ],
  };
}

/** The thread's level (top-level comments, or one comment's replies), kept off every index. */
const unindexedLevel = (parentId: string | null) => (parentId === null ? sql`+${comments.parentId} is null` : sql`+${comments.parentId} = ${parentId}`);

/** Bound on one viewer's pending (or just changed) comments in one thread: the posting quota keeps them far below. */
const OWN_PER_THREAD = 100;

/** Parameters bound besides an IN list in the overlay's statements (viewer, site, article, statuses, since). */
const BOUND_BESIDE_LIST = 10;

/**
 * The session and the overlay in one D1 batch: every statement finds the viewer through the
 * token hash itself, so nothing waits for the session to be read first, and a session that is
 * not live on this site matches no row anywhere. The session row tells the caller which it was.
 */
export async function readOverlay(db: Db, request: OverlayRequest, now = Date.now()) {
  const { tokenHash, thread, sort, after, limit, parentIds, commentIds, since } = request;
  const viewer = viewerOf(tokenHash, thread.siteId, now);
  const own = ownComments(viewer, thread, since);
  // Unordered on purpose: an ORDER BY makes SQLite walk the site's queue index in that order
  // instead of seeking the author's few rows; the merge sorts them and cuts the page.
  const slice = (conditions: SQL[]) =>
    db
      .select()
      .from(comments)
      .where(pastKey([...conditions, unindexedLevel(thread.parentId)], sort, after))
      .limit(limit + OWN_PER_THREAD);
  const repliesOf = (conditions: SQL[]) =>
    inLists(parentIds, BOUND_BESIDE_LIST).map((ids) =>
      db
        .select()
        .from(comments)
        .where(and(...conditions, sql`+${comments.parentId} in ${ids}`)),
    );
  const results = await runSteps(db, {
    session: sessionStatement(db, tokenHash, now),
    // The counters as they are now: the cached page's may not count the viewer's own news yet.
    article: articleStatement(db, thread.siteId, thread.articleId),
    pending: slice(own.pending),
    changed: slice(own.changed),
    replies: thread.parentId === null ? [...repliesOf(own.pending), ...repliesOf(own.changed)] : [],
    reactions: inLists(commentIds, BOUND_BESIDE_LIST).map((ids) =>
      db
        .select({ commentId: reactions.commentId, value: reactions.value })
        .from(reactions)
        .where(and(sql`${reactions.userId} = ${viewer}`, inArray(reactions.commentId, ids))),
    ),
    folds: inLists(commentIds, BOUND_BESIDE_LIST).map((ids) =>
      db
        .select({ commentId: folds.commentId })
        .from(folds)
        .where(and(sql`${folds.userId} = ${viewer}`, inArray(folds.commentId, ids))),
    ),
  });
  const reactionRows = results.reactions.flat() as { commentId: string; value: ReactionValue }[];
  return {
    session: readSession(results.session, tokenHash),
    article: results.article[0],
    inThread: [...results.pending, ...results.changed],
    replies: results.replies.flat() as Comment[],
    reactions: new Map(reactionRows.map((r) => [r.commentId, r.value])),
    folds: new Set((results.folds.flat() as { commentId: string }[]).map((r) => r.commentId)),
  };
}

export type Overlay = Awaited<ReturnType<typeof readOverlay>>;
