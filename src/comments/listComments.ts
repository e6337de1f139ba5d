import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Session } from "../auth/sessions.queries";
import { runSteps, type Db } from "../db/client";
import { comments, type Article, type Comment } from "../db/schema";
import { ApiError } from "../lib/errors";
import { opaqueCursor } from "../lib/keysetCursor";
import { articleStatement } from "./articles.queries";
import { sortSchema, toArticleJson, type CommentJson, type Sort, type ThreadCommentJson } from "./comments.schemas";
import { compareKeys, type PageKey, type Thread } from "./list.queries";
import { readOverlay, type Overlay } from "./overlay.queries";
import { pinnedStatement, publicPageStatement, readPublicPage } from "./publicPage.queries";
import { authorOf, toCommentJson, type ViewContext } from "./serialize";
import type { SiteSettings } from "../sites/settings";

/**
 * A page's cursor: its last comment's sort key (`l`: an integer, or the ratio sort's fraction),
 * and the sort it was made for.
 */
const pageCursor = opaqueCursor({ s: sortSchema, l: z.number().finite(), t: z.number().int(), i: z.string().min(1).max(64) });

export const encodeCursor = (sort: Sort, key: PageKey): string => pageCursor.encode({ s: sort, l: key.key, t: key.createdAt, i: key.id });

/** Decodes a cursor made by `encodeCursor` for the same sort, or answers 400 invalid_cursor. */
export function decodeCursor(cursor: string, sort: Sort): PageKey {
  const { s, l, t, i } = pageCursor.decode(cursor);
  if (s !== sort) throw new ApiError("invalid_cursor", `The cursor was made for sort=${s}`);
  if (sort !== "ratio" && !Number.isSafeInteger(l)) throw new ApiError("invalid_cursor", "The cursor's key is not an integer");
  return { key: l, createdAt: t, id: i };
}

/** What a site's settings change about its lists. */
export type ListSettings = Pick<SiteSettings, "ratioMinReactions" | "foldThreshold">;

/** Replies shown under each top-level comment before "more replies". */
const REPLY_PREVIEW = 3;

/**
 * Own comments published or edited this long before the public page was made are read from D1
 * as well: a write commits a moment after its timestamp is taken.
 */
const OWN_CHANGES_MARGIN_MS = 2000;

export interface ListQuery {
  sort?: Sort;
  limit: number;
  cursor?: string;
  parent?: string;
}

export interface Listing {
  article: ReturnType<typeof toArticleJson>;
  /** Pinned comments (고정됨), on the first page of top-level comments only. */
  pinned: ThreadCommentJson[];
  comments: ThreadCommentJson[];
  nextCursor: string | null;
  /** On a signed-in reader's page only (never in the edge's public copy). */
  viewer?: { moderates: boolean };
}

/** The thread, sort and keyset position a query asks for. */
function planOf(siteId: string, articleId: string, query: ListQuery) {
  const sort = query.sort ?? (query.parent ? "oldest" : "newest");
  const after = query.cursor ? decodeCursor(query.cursor, sort) : undefined;
  const thread: Thread = { siteId, articleId, parentId: query.parent ?? null };
  return { sort, after, thread, limit: query.limit };
}

/** A reply page's parent as everyone sees it: published, top-level, in this article. */
function publicParentStatement(db: Db, thread: Thread) {
  return db
    .select({ id: comments.id })
    .from(comments)
    .where(
      and(
        eq(comments.id, thread.parentId ?? ""),
        eq(comments.siteId, thread.siteId),
        eq(comments.articleId, thread.articleId),
        isNull(comments.parentId),
        eq(comments.status, "published"),
      ),
    )
    .limit(1);
}

/**
 * The page everyone sees — top-level comments with their authors and first replies, or (with
 * `parent`) a page of one comment's replies — in one D1 round trip: the article, the parent and
 * one statement for the rest. Nothing about a viewer is in it, so the edge may serve it to anyone.
 */
export async function publicListing(db: Db, siteId: string, articleId: string, query: ListQuery, settings: ListSettings): Promise<Listing> {
  const { sort, after, thread, limit } = planOf(siteId, articleId, query);
  const previews = thread.parentId === null ? REPLY_PREVIEW : 0;
  const firstPage = thread.parentId === null && after === undefined;
  const { article, parent, rows, pinned } = await runSteps(db, {
    article: articleStatement(db, siteId, articleId),
    parent: thread.parentId === null ? [] : [publicParentStatement(db, thread)],
    rows: publicPageStatement(db, thread, sort, after, limit, previews),
    pinned: firstPage ? [pinnedStatement(db, siteId, articleId, previews)] : [],
  });
  if (thread.parentId !== null && (parent[0] as unknown[]).length === 0) throw new ApiError("comment_not_found", "No such comment in this article");
  const pinnedRows = (pinned[0] ?? []) as Parameters<typeof readPublicPage>[0];
  const read = readPublicPage(rows, sort, limit, previews, pinnedRows);
  const view: ViewContext = { viewerId: undefined, authors: read.authors, reactions: new Map(), foldThreshold: settings.foldThreshold };
  return listingJson(article[0], articleId, sort, read, view);
}

type PublicPage = ReturnType<typeof readPublicPage>;

function listingJson(article: Article | undefined, articleId: string, sort: Sort, read: PublicPage, view: ViewContext): Listing {
  const withReplies = (row: Comment) => {
    const preview = read.replies.get(row.id);
    return {
      ...toCommentJson(row, view),
      replies: preview?.rows.map((r) => toCommentJson(r, view)) ?? [],
      repliesCursor: preview?.next ? encodeCursor("oldest", preview.next) : null,
    };
  };
  return {
    article: toArticleJson(article ?? { id: articleId, commentCount: 0, open: true, url: null, title: null }),
    pinned: read.pinned.map(withReplies),
    comments: read.page.rows.map(withReplies),
    nextCursor: read.page.next ? encodeCursor(sort, read.page.next) : null,
  };
}

/** The ratio sort's key, as `countsAndSortKeys` stores it. */
function ratioKeyOf(likes: number, dislikes: number, minReactions: number): number {
  const total = likes + dislikes;
  if (total === 0) return 0;
  return total >= minReactions ? 2 + likes / total : likes / total;
}

/** A serialised comment's key in a sort that orders by what the JSON shows. */
function keyOf(sort: Sort, c: CommentJson, settings: ListSettings): PageKey {
  const keys: Partial<Record<Sort, number>> = {
    popular: c.likes,
    net: c.likes - c.dislikes,
    ratio: ratioKeyOf(c.likes, c.dislikes, settings.ratioMinReactions),
    replies: c.replyCount,
  };
  return { key: keys[sort] ?? 0, createdAt: Date.parse(c.createdAt), id: c.id };
}

/**
 * `entries` with the viewer's `own` copies put in (an own copy replaces the public one, keeping
 * its replies), cut at `limit` in the sort's order; the cursor moves only when the cut drops rows.
 * The 추천 view lists what moderators featured, always on the public page: own copies only
 * replace what it shows, in place.
 */
function mergeOwn<T extends CommentJson>(sort: Sort, limit: number, entries: T[], own: T[], cursor: string | null, settings: ListSettings) {
  const byId = new Map(entries.map((e) => [e.id, e]));
  for (const copy of own) if (sort !== "featured" || byId.has(copy.id)) byId.set(copy.id, { ...byId.get(copy.id), ...copy });
  if (sort === "featured") return { rows: [...byId.values()], cursor };
  const all = [...byId.values()].sort((a, b) => compareKeys(sort, keyOf(sort, a, settings), keyOf(sort, b, settings)));
  if (all.length <= limit) return { rows: all, cursor };
  const rows = all.slice(0, limit);
  return { rows, cursor: encodeCursor(sort, keyOf(sort, rows[rows.length - 1]!, settings)) };
}

/** Marks what is the viewer's on a public entry: their comments, their reactions and their folds. */
function marked<T extends CommentJson>(entry: T, viewerId: string, overlay: Overlay): T {
  return {
    ...entry,
    mine: entry.author?.id === viewerId && !entry.deleted,
    myReaction: overlay.reactions.get(entry.id) ?? null,
    folded: entry.folded || (overlay.folds.has(entry.id) && !entry.deleted),
  };
}

/** The public page as the viewer sees it, with their overlay merged in. */
function withOverlay(listing: Listing, overlay: Overlay, session: Session, query: ReturnType<typeof planOf>, settings: ListSettings): Listing {
  const viewerId = session.user.id;
  const view: ViewContext = {
    viewerId,
    authors: new Map([[viewerId, authorOf(session.user)]]),
    reactions: overlay.reactions,
    foldThreshold: settings.foldThreshold,
    folds: overlay.folds,
  };
  const ownJson = (row: Comment) => toCommentJson(row, view);
  const repliesByParent = new Map<string, Comment[]>();
  for (const reply of overlay.replies) repliesByParent.set(reply.parentId!, [...(repliesByParent.get(reply.parentId!) ?? []), reply]);
  // The viewer's copy of a comment already on the page keeps the page's reply preview.
  const listed = new Map(listing.comments.map((c) => [c.id, c]));
  const top = mergeOwn(
    query.sort,
    query.limit,
    listing.comments,
    overlay.inThread.map((row) => ({ ...ownJson(row), replies: listed.get(row.id)?.replies ?? [], repliesCursor: listed.get(row.id)?.repliesCursor ?? null })),
    listing.nextCursor,
    settings,
  );
  const withOwnReplies = (entry: ThreadCommentJson): ThreadCommentJson => {
    const own = (repliesByParent.get(entry.id) ?? []).map(ownJson);
    const replies = mergeOwn("oldest", REPLY_PREVIEW, entry.replies, own, entry.repliesCursor, settings);
    return {
      ...marked(entry, viewerId, overlay),
      replies: replies.rows.map((r) => marked(r, viewerId, overlay)),
      repliesCursor: replies.cursor,
    };
  };
  const article = overlay.article ? toArticleJson(overlay.article) : listing.article;
  // `?? []`: an edge copy made before pins existed (a deploy ago, at most 10 s old) has none.
  return {
    article,
    pinned: (listing.pinned ?? []).map(withOwnReplies),
    comments: top.rows.map(withOwnReplies),
    nextCursor: top.cursor,
    viewer: { moderates: session.moderates },
  };
}

/**
 * A signed-in reader's page: the public one (from the edge cache when it has it) with their
 * overlay on top, read together with the session in one D1 batch. A session of another site
 * sees the public page; an unknown or expired one is refused, as on every route.
 */
export async function viewerListing(
  db: Db,
  tokenHash: string,
  publicPage: { listing: Listing; madeAt: number },
  siteId: string,
  articleId: string,
  query: ListQuery,
  settings: ListSettings,
) {
  const plan = planOf(siteId, articleId, query);
  const { listing, madeAt } = publicPage;
  const overlay = await readOverlay(db, {
    tokenHash,
    thread: plan.thread,
    sort: plan.sort,
    after: plan.after,
    limit: plan.limit,
    parentIds: [...(listing.pinned ?? []), ...listing.comments].map((c) => c.id),
    commentIds: [...(listing.pinned ?? []), ...listing.comments].flatMap((c) => [c.id, ...c.replies.map((r) => r.id)]),
    since: madeAt - OWN_CHANGES_MARGIN_MS,
  });
  if (!overlay.session) throw new ApiError("invalid_session", "The session is unknown or has expired");
  if (overlay.session.siteId !== siteId) return listing;
  return withOverlay(listing, overlay, overlay.session, plan, settings);
}
