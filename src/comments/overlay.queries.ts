import { and, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { readSession, sessionStatement } from "../auth/sessions.queries";
import { inLists, runSteps, type Db } from "../db/client";
import { comments, reactions, sessions, type Comment, type ReactionValue } from "../db/schema";
import type { Sort } from "./comments.schemas";
import { orderBy, threadPastKey, type PageKey, type Thread } from "./list.queries";

/**
 * What a signed-in reader sees on top of the public page: their own comments the page cannot
 * show (pending, or published or edited since the public page was made) and their reactions.
 */
export interface OverlayRequest {
  tokenHash: string;
  thread: Thread;
  sort: Sort;
  after: PageKey | undefined;
  limit: number;
  /** Top-level comments of the public page, whose replies the viewer may have added to. */
  parentIds: string[];
  /** Every comment on the public page, replies included: the viewer's reactions to them. */
  commentIds: string[];
  /** Own comments published or edited from this instant on are read from D1, not from the public page. */
  since: number;
}

/** The viewer behind the token hash on this site, as a subquery: null for an unknown, expired or other site's session. */
const viewerOf = (tokenHash: string, siteId: string, now: number) =>
  sql`(select ${sessions.userId} from ${sessions} where ${sessions.tokenHash} = ${tokenHash} and ${sessions.expiresAt} > ${now} and ${sessions.siteId} = ${siteId})`;

/** The viewer's comments the public page may lack: pending ones, and published ones changed since `since`. */
const ownFresh = (viewer: SQL, since: number) =>
  and(
    sql`${comments.authorId} = ${viewer}`,
    or(eq(comments.status, "pending"), and(eq(comments.status, "published"), sql`coalesce(${comments.editedAt}, ${comments.createdAt}) >= ${since}`)),
  )!;

/** Parameters bound besides an IN list in the overlay's statements (viewer, site, article, statuses, since). */
const BOUND_BESIDE_LIST = 10;

/**
 * The session and the overlay in one D1 batch: every statement finds the viewer through the
 * token hash itself, so nothing waits for the session to be read first, and a session that is
 * not live on this site matches no row anywhere. The session row tells the caller which it was.
 */
export async function readOverlay(db: Db, request: OverlayRequest, now = Date.now()) {
  const { tokenHash, thread, sort, after, limit, parentIds, commentIds, since } = request;
  const own = ownFresh(viewerOf(tokenHash, thread.siteId, now), since);
  const results = await runSteps(db, {
    session: sessionStatement(db, tokenHash, now),
    inThread: db
      .select()
      .from(comments)
      .where(threadPastKey(thread, sort, after, own))
      .orderBy(...orderBy(sort))
      .limit(limit + 1),
    replies: inLists(parentIds, BOUND_BESIDE_LIST).map((ids) =>
      db
        .select()
        .from(comments)
        .where(and(own, eq(comments.siteId, thread.siteId), eq(comments.articleId, thread.articleId), inArray(comments.parentId, ids))),
    ),
    reactions: inLists(commentIds, BOUND_BESIDE_LIST).map((ids) =>
      db
        .select({ commentId: reactions.commentId, value: reactions.value })
        .from(reactions)
        .where(and(sql`${reactions.userId} = ${viewerOf(tokenHash, thread.siteId, now)}`, inArray(reactions.commentId, ids))),
    ),
  });
  const reactionRows = results.reactions.flat() as { commentId: string; value: ReactionValue }[];
  return {
    session: readSession(results.session, tokenHash),
    inThread: results.inThread,
    replies: results.replies.flat() as Comment[],
    reactions: new Map(reactionRows.map((r) => [r.commentId, r.value])),
  };
}

export type Overlay = Awaited<ReturnType<typeof readOverlay>>;
