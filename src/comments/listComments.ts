import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Session } from "../auth/sessions.queries";
import { runSteps, type Db } from "../db/client";
import { comments, type Article, type Comment } from "../db/schema";
import { ApiError } from "../lib/errors";
import { opaqueCursor } from "../lib/keysetCursor";
import { articleStatement } from "./articles.queries";
import { sortSchema, toArticleJson, type CommentJson, type Sort, type ThreadCommentJson } from "./comments.schemas";
import { compareKeys, type Page, type PageKey, type Thread } from "./list.queries";
import { readOverlay, type Overlay } from "./overlay.queries";
import { publicPageStatement, readPublicPage } from "./publicPage.queries";
import { toCommentJson, type ViewContext } from "./serialize";

/** A page's cursor: its last comment's sort key, and the sort it was made for. */
const pageCursor = opaqueCursor({ s: sortSchema, l: z.number().int(), t: z.number().int(), i: z.string().min(1).max(64) });

export const encodeCursor = (sort: Sort, key: PageKey): string => pageCursor.encode({ s: sort, l: key.likes, t: key.createdAt, i: key.id });

/** Decodes a cursor made by `encodeCursor` for the same sort, or answers 400 invalid_cursor. */
export function decodeCursor(cursor: string, sort: Sort): PageKey {
  const { s, l, t, i } = pageCursor.decode(cursor);
  if (s !== sort) throw new ApiError("invalid_cursor", `The cursor was made for sort=${s}`);
  return { likes: l, createdAt: t, id: i };
}

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
  comments: ThreadCommentJson[];
  nextCursor: string | null;
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
export async function publicListing(db: Db, siteId: string, articleId: string, query: ListQuery): Promise<Listing> {
  const { sort, after, thread, limit } = planOf(siteId, articleId, query);
  const previews = thread.parentId === null ? REPLY_PREVIEW : 0;
  const { article, parent, rows } = await runSteps(db, {
    article: articleStatement(db, siteId, articleId),
    parent: thread.parentId === null ? [] : [publicParentStatement(db, thread)],
    rows: publicPageStatement(db, thread, sort, after, limit, previews),
  });
  if (thread.parentId !== null && (parent[0] as unknown[]).length === 0) throw new ApiError("comment_not_found", "No such comment in this article");
  const { page, replies, authors } = readPublicPage(rows, sort, limit, previews);
  return listingJson(article[0], articleId, sort, page, replies, { viewerId: undefined, authors, reactions: new Map() });
}

function listingJson(article: Article | undefined, articleId: string, sort: Sort, page: Page, previews: Map<string, Page>, view: ViewContext): Listing {
  const thread = page.rows.map((row) => {
    const preview = previews.get(row.id);
    return {
      ...toCommentJson(row, view),
      replies: preview?.rows.map((r) => toCommentJson(r, view)) ?? [],
      repliesCursor: preview?.next ? encodeCursor("oldest", preview.next) : null,
    };
  });
  return {
    article: toArticleJson(article ?? { id: articleId, commentCount: 0, open: true, url: null, title: null }),
    comments: thread,
    nextCursor: page.next ? encodeCursor(sort, page.next) : null,
  };
}

const keyOf = (c: CommentJson): PageKey => ({ likes: c.likes, createdAt: Date.parse(c.createdAt), id: c.id });

/**
 * `entries` with the viewer's `own` copies put in (an own copy replaces the public one, keeping
 * its replies), cut at `limit` in the sort's order; the cursor moves only when the cut drops rows.
 */
function mergeOwn<T extends CommentJson>(sort: Sort, limit: number, entries: T[], own: T[], cursor: string | null) {
  const byId = new Map(entries.map((e) => [e.id, e]));
  for (const copy of own) byId.set(copy.id, { ...byId.get(copy.id), ...copy });
  const all = [...byId.values()].sort((a, b) => compareKeys(sort, keyOf(a), keyOf(b)));
  if (all.length <= limit) return { rows: all, cursor };
  const rows = all.slice(0, limit);
  return { rows, cursor: encodeCursor(sort, keyOf(rows[rows.length - 1]!)) };
}

/** Marks what is the viewer's on a public entry: their comments and their reactions. */
function marked<T extends CommentJson>(entry: T, viewerId: string, reactions: Map<string, string>): T {
  return { ...entry, mine: entry.author?.id === viewerId && !entry.deleted, myReaction: (reactions.get(entry.id) as CommentJson["myReaction"]) ?? null };
}

/** The public page as the viewer sees it, with their overlay merged in. */
function withOverlay(listing: Listing, overlay: Overlay, session: Session, query: ReturnType<typeof planOf>): Listing {
  const viewerId = session.user.id;
  const view: ViewContext = { viewerId, authors: new Map([[viewerId, session.user]]), reactions: overlay.reactions };
  const ownJson = (row: Comment) => toCommentJson(row, view);
  const repliesByParent = new Map<string, Comment[]>();
  for (const reply of overlay.replies) repliesByParent.set(reply.parentId!, [...(repliesByParent.get(reply.parentId!) ?? []), reply]);
  const top = mergeOwn(
    query.sort,
    query.limit,
    listing.comments,
    overlay.inThread.map((row) => ({ ...ownJson(row), replies: [], repliesCursor: null })),
    listing.nextCursor,
  );
  const thread = top.rows.map((entry) => {
    const own = (repliesByParent.get(entry.id) ?? []).map(ownJson);
    const replies = mergeOwn("oldest", REPLY_PREVIEW, entry.replies, own, entry.repliesCursor);
    return {
      ...marked(entry, viewerId, overlay.reactions),
      replies: replies.rows.map((r) => marked(r, viewerId, overlay.reactions)),
      repliesCursor: replies.cursor,
    };
  });
  const article = overlay.article ? toArticleJson(overlay.article) : listing.article;
  return { article, comments: thread, nextCursor: top.cursor };
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
) {
  const plan = planOf(siteId, articleId, query);
  const { listing, madeAt } = publicPage;
  const overlay = await readOverlay(db, {
    tokenHash,
    thread: plan.thread,
    sort: plan.sort,
    after: plan.after,
    limit: plan.limit,
    parentIds: listing.comments.map((c) => c.id),
    commentIds: listing.comments.flatMap((c) => [c.id, ...c.replies.map((r) => r.id)]),
    since: madeAt - OWN_CHANGES_MARGIN_MS,
  });
  if (!overlay.session) throw new ApiError("invalid_session", "The session is unknown or has expired");
  if (overlay.session.siteId !== siteId) return listing;
  return withOverlay(listing, overlay, overlay.session, plan);
}
