import { and, asc, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import { comments, type Comment } from "../db/schema";
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
export const pastKey = (conditions: SQL[], sort: Sort, after: PageKey | undefined) => and(...conditions, ...(after ? [afterKey(sort, after)] : []));

/** Comments of a thread meeting `conditions`, past `after` in the sort's order. */
const threadPastKey = (thread: Thread, sort: Sort, after: PageKey | undefined, ...conditions: SQL[]) =>
  pastKey([...threadWhere(thread), ...conditions], sort, after);

/** Published comments (deleted placeholders included) of a thread past `after`: what everyone sees. */
export const publishedWhere = (thread: Thread, sort: Sort, after: PageKey | undefined) => threadPastKey(thread, sort, after, eq(comments.status, "published"));

/** Merges two slices, each sorted and cut at `limit` + 1, into one page. */
export function mergeSlices(sort: Sort, limit: number, ...slices: Comment[][]): Page {
  const merged = slices.flat().sort((a, b) => compareKeys(sort, a, b));
  const rows = merged.slice(0, limit);
  const last = rows[rows.length - 1];
  return { rows, next: merged.length > limit && last ? { likes: last.likes, createdAt: last.createdAt, id: last.id } : null };
}

export type AuthorRow = { id: string; displayName: string; avatarUrl: string | null };
