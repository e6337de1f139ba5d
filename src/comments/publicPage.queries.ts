import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { comments, users, type Comment } from "../db/schema";
import type { Sort } from "./comments.schemas";
import { mergeSlices, orderBy, publishedWhere, type AuthorRow, type Page, type PageKey, type Thread } from "./list.queries";

/** A reply as the page statement hands it over (JSON from SQLite: booleans as 0/1). */
interface ReplyRow extends Omit<Comment, "deleted" | "reasons" | "siteId" | "articleId"> {
  deleted: 0 | 1 | boolean;
  authorName: string | null;
  authorAvatar: string | null;
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
      'createdAt', x.created_at, 'editedAt', x.edited_at, 'authorName', x.author_name, 'authorAvatar', x.author_avatar))
    from (
      select r.*, ru.display_name as author_name, ru.avatar_url as author_avatar
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
  const replies = previews > 0 ? replyPreviewJson(previews) : sql<string | null>`null`;
  return db
    .select({ comment: comments, authorName: users.displayName, authorAvatar: users.avatarUrl, replies })
    .from(comments)
    .leftJoin(users, eq(users.id, comments.authorId))
    .where(publishedWhere(thread, sort, after))
    .orderBy(...orderBy(sort))
    .limit(limit + 1);
}

type PublicRow = Awaited<ReturnType<typeof publicPageStatement>>[number];

const toComment = (r: ReplyRow, parent: Comment): Comment => ({
  ...r,
  siteId: parent.siteId,
  articleId: parent.articleId,
  deleted: r.deleted === true || r.deleted === 1,
  reasons: [],
  toxicity: null,
  bodyHash: null,
  reportedAt: null,
  reviewedAt: null,
  reviewedBy: null,
  version: 0,
});

/** The page, the reply previews by parent and the authors, from the statement's rows. */
export function readPublicPage(rows: PublicRow[], sort: Sort, limit: number, previews: number) {
  const authors = new Map<string, AuthorRow>();
  const addAuthor = (id: string, name: string | null, avatar: string | null) => {
    if (name !== null) authors.set(id, { id, displayName: name, avatarUrl: avatar });
  };
  const page: Page = mergeSlices(
    sort,
    limit,
    rows.map((r) => r.comment),
  );
  const replies = new Map<string, Page>();
  for (const row of rows.slice(0, limit)) {
    addAuthor(row.comment.authorId, row.authorName, row.authorAvatar);
    if (!row.replies) continue;
    const parsed = (JSON.parse(row.replies) as ReplyRow[]).map((r) => {
      addAuthor(r.authorId, r.authorName, r.authorAvatar);
      return toComment(r, row.comment);
    });
    replies.set(row.comment.id, mergeSlices("oldest", previews, parsed));
  }
  return { page, replies, authors };
}
