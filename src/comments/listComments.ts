import { z } from "zod";
import type { Session } from "../auth/sessions.queries";
import { runSteps, type Db } from "../db/client";
import type { Article, Comment } from "../db/schema";
import { ApiError } from "../lib/errors";
import type { SiteRecord } from "../sites/sites.queries";
import { articleStatement, findArticle } from "./articles.queries";
import { findComment } from "../db/commentRecords.queries";
import { sortSchema, toArticleJson, type Sort, type ThreadCommentJson } from "./comments.schemas";
import { opaqueCursor } from "../lib/keysetCursor";
import { authorsByIds, pageOfThread, reactionsOf, replyPreviews, type Page, type PageKey, type Thread } from "./list.queries";
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

export interface ListQuery {
  sort?: Sort;
  limit: number;
  cursor?: string;
  parent?: string;
}

async function visibleParent(db: Db, site: SiteRecord, articleId: string, parentId: string, viewerId?: string): Promise<Comment> {
  const parent = await findComment(db, parentId);
  const visible = parent && (parent.status === "published" || parent.authorId === viewerId);
  if (!parent || !visible || parent.siteId !== site.id || parent.articleId !== articleId || parent.parentId !== null) {
    throw new ApiError("comment_not_found", "No such comment in this article");
  }
  return parent;
}

/**
 * The page an anonymous reader sees, in one D1 round trip: the article and one statement with
 * the comments, their authors and their first replies.
 */
async function publicPage(db: Db, thread: Omit<Thread, "parentId">, sort: Sort, after: PageKey | undefined, limit: number) {
  const { article, rows } = await runSteps(db, {
    article: articleStatement(db, thread.siteId, thread.articleId),
    rows: publicPageStatement(db, thread, sort, after, limit, REPLY_PREVIEW),
  });
  const { page, replies, authors } = readPublicPage(rows, sort, limit, REPLY_PREVIEW);
  return pageJson(article[0], thread.articleId, sort, page, replies, { viewerId: undefined, authors, reactions: new Map() });
}

/** The response body of a page of top-level comments with their reply previews. */
function pageJson(article: Article | undefined, articleId: string, sort: Sort, page: Page, previews: Map<string, Page>, view: ViewContext) {
  const comments: ThreadCommentJson[] = page.rows.map((row) => {
    const preview = previews.get(row.id);
    return {
      ...toCommentJson(row, view),
      replies: preview?.rows.map((r) => toCommentJson(r, view)) ?? [],
      repliesCursor: preview?.next ? encodeCursor("oldest", preview.next) : null,
    };
  });
  return {
    article: toArticleJson(article ?? { id: articleId, commentCount: 0, open: true, url: null, title: null }),
    comments,
    nextCursor: page.next ? encodeCursor(sort, page.next) : null,
  };
}

/**
 * One page of an article's comments as the viewer sees it: top-level comments with their
 * first replies, or (with `parent`) a page of one comment's replies.
 */
export async function listComments(db: Db, site: SiteRecord, articleId: string, query: ListQuery, session?: Session) {
  const viewerId = session?.siteId === site.id ? session.user.id : undefined;
  const sort = query.sort ?? (query.parent ? "oldest" : "newest");
  const after = query.cursor ? decodeCursor(query.cursor, sort) : undefined;
  const parentId = query.parent ? (await visibleParent(db, site, articleId, query.parent, viewerId)).id : null;
  const thread = { siteId: site.id, articleId, parentId };
  if (!viewerId && parentId === null) return publicPage(db, thread, sort, after, query.limit);

  const [article, page] = await Promise.all([findArticle(db, site.id, articleId), pageOfThread(db, thread, sort, after, query.limit, viewerId)]);
  const previews = parentId === null ? await replyPreviews(db, thread, page.rows, REPLY_PREVIEW, viewerId) : new Map<string, Page>();

  const all = [...page.rows, ...[...previews.values()].flatMap((p) => p.rows)];
  const [authors, reactions] = await Promise.all([
    authorsByIds(
      db,
      all.map((c) => c.authorId),
    ),
    reactionsOf(
      db,
      viewerId,
      all.map((c) => c.id),
    ),
  ]);
  return pageJson(article, articleId, sort, page, previews, { viewerId, authors, reactions });
}
