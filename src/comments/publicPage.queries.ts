import { and, asc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { comments, MAX_PINS, users, type Comment } from "../db/schema";
import type { Sort } from "./comments.schemas";
import { shownBadges } from "../auth/auth.schemas";
import { mergeSlices, orderBy, publishedWhere, type AuthorRow, type Page, type PageKey, type Thread } from "./list.queries";

/** A reply as the page statement hands it over (JSON from SQLite: booleans as 0/1). */
interface ReplyRow extends Omit<Comment, "deleted" | "reasons" | "siteId" | "articleId" | "net" | "ratioKey" | "pinnedAt" | "featuredAt"> {
  deleted: 0 | 1 | boolean;
  authorName: string | null;
  authorAvatar: string | null;
  authorBadges: string | null;
  authorGranted: string | null;
}

/**
 * The first `previews` + 1 published replies of the outer row, oldest first, with their authors,
 * as one JSON array: a correlated subquery that seeks the thread index, so each parent costs
 * its few replies whatever the thread's size.
 */
function replyPreviewJson(previews: number) {
  return sql<string | null>`case when ${comments.replyCount} > 0 then (
    select json_group_array(json_object(
      'id', x.id, 'parentId', x.parent_id, 'authorId', x.author_id, 'body', x.body, 'publicBody', x.public_body, 'status', x.status, 'deleted', x.deleted,
      'likes', x.likes, 'dislikes', x.dislikes, 'replyCount', x.reply_count, 'reportCount', x.report_count,
      'foldCount', x.fold_count, 'createdAt', x.created_at, 'editedAt', x.edited_at,
      'authorName', x.author_name, 'authorAvatar', x.author_avatar, 'authorBadges', x.author_badges, 'authorGranted', x.author_granted))
    from (
      select r.*, ru.display_name as author_name, ru.avatar_url as author_avatar, ru.badges as author_badges, ru.granted_badges as author_granted
      from ${comments} as r left join ${users} as ru on ru.id = r.author_id
      where r.site_id = ${comments.siteId} and r.article_id = ${comments.articleId} and r.parent_id = ${comments.id} and r.status = 'published'
      order by r.created_at, r.id
      limit ${previews + 1}
    ) as x) end`;
}

/**
 * One statement for the page everyone sees of a thread: its published comments (keyset,
 * `limit` + 1), each with its author and, for top-level comments, the first `previews` replies
 * with theirs. Nothing about a viewer is in it, so it can be served to anyone.
 */
export function publicPageStatement(db: Db, thread: Thread, sort: Sort, after: PageKey | undefined, limit: number, previews: number) {
  return withAuthors(db, previews)
    .where(publishedWhere(thread, sort, after))
    .orderBy(...orderBy(sort))
    .limit(limit + 1);
}

/** Comments with their authors and, with `previews`, their first replies: the columns of every public list. */
function withAuthors(db: Db, previews: number) {
  const replies = previews > 0 ? replyPreviewJson(previews) : sql<string | null>`null`;
  return db
    .select({
      comment: comments,
      authorName: users.displayName,
      authorAvatar: users.avatarUrl,
      authorBadges: users.badges,
      authorGranted: users.grantedBadges,
      replies,
    })
    .from(comments)
    .leftJoin(users, eq(users.id, comments.authorId));
}

/** Pinned comments an article shows first (고정됨), in the order they were pinned: the partial pinned index. */
export function pinnedStatement(db: Db, siteId: string, articleId: string, previews: number) {
  return withAuthors(db, previews)
    .where(
      and(
        eq(comments.siteId, siteId),
        eq(comments.articleId, articleId),
        isNotNull(comments.pinnedAt),
        isNull(comments.parentId),
        eq(comments.status, "published"),
        eq(comments.deleted, false),
      ),
    )
    .orderBy(asc(comments.pinnedAt))
    .limit(MAX_PINS);
}

type PublicRow = Awaited<ReturnType<typeof publicPageStatement>>[number];

const toComment = (r: ReplyRow, parent: Comment): Comment => ({
  ...r,
  siteId: parent.siteId,
  articleId: parent.articleId,
  deleted: r.deleted === true || r.deleted === 1,
  reasons: [],
  net: r.likes - r.dislikes,
  ratioKey: 0,
  pinnedAt: null,
  featuredAt: null,
  toxicity: null,
  bodyHash: null,
  reportedAt: null,
  reviewedAt: null,
  reviewedBy: null,
  version: 0,
});

/** Badges as they come: parsed by drizzle for the outer row, JSON text inside the replies' JSON. */
const badgeList = (value: string[] | string | null): string[] => (value === null ? [] : typeof value === "string" ? (JSON.parse(value) as string[]) : value);

/**
 * The page, the reply previews by parent and the authors, from the statement's rows (and the
 * pinned comments', whose previews and authors are read the same way).
 */
export function readPublicPage(rows: PublicRow[], sort: Sort, limit: number, previews: number, pinnedRows: PublicRow[] = []) {
  const authors = new Map<string, AuthorRow>();
  const addAuthor = (id: string, name: string | null, avatar: string | null, badges: string[] | string | null, granted: string[] | string | null) => {
    if (name !== null) authors.set(id, { id, displayName: name, avatarUrl: avatar, badges: shownBadges(badgeList(badges), badgeList(granted)) });
  };
  const page: Page = mergeSlices(
    sort,
    limit,
    rows.map((r) => r.comment),
  );
  const replies = new Map<string, Page>();
  for (const row of [...rows.slice(0, limit), ...pinnedRows]) {
    addAuthor(row.comment.authorId, row.authorName, row.authorAvatar, row.authorBadges, row.authorGranted);
    if (!row.replies) continue;
    const parsed = (JSON.parse(row.replies) as ReplyRow[]).map((r) => {
      addAuthor(r.authorId, r.authorName, r.authorAvatar, r.authorBadges, r.authorGranted);
      return toComment(r, row.comment);
    });
    replies.set(row.comment.id, mergeSlices("oldest", previews, parsed));
  }
  return { page, pinned: pinnedRows.map((r) => r.comment), replies, authors };
}
