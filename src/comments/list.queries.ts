import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { selectInChunks, type Db } from "../db/client";
import { comments, reactions, users, type Comment, type ReactionValue } from "../db/schema";
import type { Sort } from "./comments.schemas";

/** Where a keyset page stopped: the sort key of its last comment. */
export interface PageKey {
  likes: number;
  createdAt: number;
  id: string;
}

/** Orders two keys as the sort lists them: negative when `a` comes first. */
export function compareKeys(sort: Sort, a: PageKey, b: PageKey): number {
  const ascending = (x: PageKey, y: PageKey) => x.createdAt - y.createdAt || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
  if (sort === "oldest") return ascending(a, b);
  if (sort === "newest") return ascending(b, a);
  return b.likes - a.likes || ascending(b, a);
}

export interface Thread {
  siteId: string;
  articleId: string;
  /** null for top-level comments, else the comment whose replies are listed. */
  parentId: string | null;
}

export interface Page {
  rows: Comment[];
  /** Key of the last row when more rows follow. */
  next: PageKey | null;
}

function threadWhere(thread: Thread): SQL[] {
  return [
    eq(comments.siteId, thread.siteId),
    eq(comments.articleId, thread.articleId),
    thread.parentId === null ? isNull(comments.parentId) : eq(comments.parentId, thread.parentId),
  ];
}

/** Rows strictly after `after` in the sort's order; row values let SQLite seek the index. */
function afterKey(sort: Sort, after: PageKey): SQL {
  if (sort === "oldest") return sql`(${comments.createdAt}, ${comments.id}) > (${after.createdAt}, ${after.id})`;
  if (sort === "newest") return sql`(${comments.createdAt}, ${comments.id}) < (${after.createdAt}, ${after.id})`;
  return sql`(${comments.likes}, ${comments.createdAt}, ${comments.id}) < (${after.likes}, ${after.createdAt}, ${after.id})`;
}

export function orderBy(sort: Sort) {
  if (sort === "oldest") return [asc(comments.createdAt), asc(comments.id)];
  if (sort === "newest") return [desc(comments.createdAt), desc(comments.id)];
  return [desc(comments.likes), desc(comments.createdAt), desc(comments.id)];
}

/** `conditions`, and past `after` in the sort's order when a page continues. */
const pastKey = (conditions: SQL[], sort: Sort, after: PageKey | undefined) => and(...conditions, ...(after ? [afterKey(sort, after)] : []));

/** Published comments (deleted placeholders included) of a thread past `after`: what everyone sees. */
export const publishedWhere = (thread: Thread, sort: Sort, after: PageKey | undefined) =>
  pastKey([...threadWhere(thread), eq(comments.status, "published")], sort, after);

/** Published comments of a thread, `limit` + 1 of them. */
function publishedSlice(db: Db, thread: Thread, sort: Sort, after: PageKey | undefined, limit: number) {
  return db
    .select()
    .from(comments)
    .where(publishedWhere(thread, sort, after))
    .orderBy(...orderBy(sort))
    .limit(limit + 1);
}

/** The viewer's own pending comments in a thread: shown to them alone, awaiting review. */
function pendingOfAuthor(db: Db, thread: Thread, authorId: string, sort: Sort, after: PageKey | undefined, limit: number) {
  return db
    .select()
    .from(comments)
    .where(pastKey([eq(comments.authorId, authorId), eq(comments.status, "pending"), ...threadWhere(thread)], sort, after))
    .orderBy(...orderBy(sort))
    .limit(limit + 1);
}

/** Merges two slices, each sorted and cut at `limit` + 1, into one page. */
export function mergeSlices(sort: Sort, limit: number, ...slices: Comment[][]): Page {
  const merged = slices.flat().sort((a, b) => compareKeys(sort, a, b));
  const rows = merged.slice(0, limit);
  const last = rows[rows.length - 1];
  return { rows, next: merged.length > limit && last ? { likes: last.likes, createdAt: last.createdAt, id: last.id } : null };
}

/** One keyset page of a thread as the viewer sees it: O(limit) rows read, whatever its size. */
export async function pageOfThread(db: Db, thread: Thread, sort: Sort, after: PageKey | undefined, limit: number, viewerId?: string): Promise<Page> {
  const published = publishedSlice(db, thread, sort, after, limit);
  if (!viewerId) return mergeSlices(sort, limit, await published);
  const [mine, others] = await db.batch([pendingOfAuthor(db, thread, viewerId, sort, after, limit), published]);
  return mergeSlices(sort, limit, mine, others);
}

/** The first `limit` replies (oldest first) of each parent, with the viewer's pending ones. */
export async function replyPreviews(db: Db, thread: Omit<Thread, "parentId">, parents: Comment[], limit: number, viewerId?: string) {
  const withReplies = parents.filter((p) => p.replyCount > 0);
  const published = withReplies.map((p) => publishedSlice(db, { ...thread, parentId: p.id }, "oldest", undefined, limit));
  const pending =
    viewerId && parents.length
      ? db
          .select()
          .from(comments)
          .where(
            and(
              eq(comments.authorId, viewerId),
              eq(comments.status, "pending"),
              eq(comments.siteId, thread.siteId),
              eq(comments.articleId, thread.articleId),
              inArray(
                comments.parentId,
                parents.map((p) => p.id),
              ),
            ),
          )
      : undefined;
  const queries = [...published, ...(pending ? [pending] : [])];
  const [first, ...rest] = queries;
  const results: Comment[][] = first ? await db.batch([first, ...rest]) : [];
  const mine = pending ? (results.pop() ?? []) : [];
  const pages = new Map<string, Page>();
  for (const [i, p] of withReplies.entries()) pages.set(p.id, mergeSlices("oldest", limit, results[i] ?? [], []));
  for (const parent of parents) {
    const own = mine.filter((c) => c.parentId === parent.id);
    if (own.length === 0) continue;
    pages.set(parent.id, mergeSlices("oldest", limit, results[withReplies.indexOf(parent)] ?? [], own));
  }
  return pages;
}

export type AuthorRow = { id: string; displayName: string; avatarUrl: string | null };

export async function authorsByIds(db: Db, ids: string[]): Promise<Map<string, AuthorRow>> {
  const rows = await selectInChunks(db, [...new Set(ids)], (part) =>
    db.select({ id: users.id, displayName: users.displayName, avatarUrl: users.avatarUrl }).from(users).where(inArray(users.id, part)),
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** The viewer's reaction to each of `commentIds` (primary-key lookups). */
export async function reactionsOf(db: Db, userId: string | undefined, commentIds: string[]): Promise<Map<string, ReactionValue>> {
  if (!userId) return new Map();
  const rows = await selectInChunks(db, commentIds, (part) =>
    db
      .select({ commentId: reactions.commentId, value: reactions.value })
      .from(reactions)
      .where(and(inArray(reactions.commentId, part), eq(reactions.userId, userId))),
  );
  return new Map(rows.map((r) => [r.commentId, r.value]));
}
