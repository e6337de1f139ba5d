import { and, asc, desc, eq, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import { comments, type Comment } from "../db/schema";
import type { Sort } from "./comments.schemas";

/** Where a keyset page stopped: the sort key of its last comment (`key` unused by newest/oldest). */
export interface PageKey {
  key: number;
  createdAt: number;
  id: string;
}

/** Sorts by a number, highest first (ties: newest first): the column that holds it. */
const keyColumns = {
  popular: comments.likes,
  net: comments.net,
  ratio: comments.ratioKey,
  replies: comments.replyCount,
  featured: comments.featuredAt,
} as const;

type KeyedSort = keyof typeof keyColumns;
const isKeyed = (sort: Sort): sort is KeyedSort => sort in keyColumns;

/** A row's key in the sort (its stored column), as a page's cursor carries it. */
export function pageKeyOf(sort: Sort, row: Comment): PageKey {
  return { key: isKeyed(sort) ? (row[keyProperty[sort]] ?? 0) : 0, createdAt: row.createdAt, id: row.id };
}

const keyProperty = { popular: "likes", net: "net", ratio: "ratioKey", replies: "replyCount", featured: "featuredAt" } as const satisfies Record<
  KeyedSort,
  keyof Comment
>;

/** Orders two keys as the sort lists them: negative when `a` comes first. */
export function compareKeys(sort: Sort, a: PageKey, b: PageKey): number {
  const ascending = (x: PageKey, y: PageKey) => x.createdAt - y.createdAt || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
  if (sort === "oldest") return ascending(a, b);
  if (sort === "newest") return ascending(b, a);
  return b.key - a.key || ascending(b, a);
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
  return sql`(${keyColumns[sort]}, ${comments.createdAt}, ${comments.id}) < (${after.key}, ${after.createdAt}, ${after.id})`;
}

export function orderBy(sort: Sort) {
  if (sort === "oldest") return [asc(comments.createdAt), asc(comments.id)];
  if (sort === "newest") return [desc(comments.createdAt), desc(comments.id)];
  return [desc(keyColumns[sort]), desc(comments.createdAt), desc(comments.id)];
}

/** What a sort lists besides the thread: the 추천 view only featured comments (its partial index's condition). */
const sortFilter = (sort: Sort): SQL[] => (sort === "featured" ? [isNotNull(comments.featuredAt)] : []);

/** `conditions`, and past `after` in the sort's order when a page continues. */
export const pastKey = (conditions: SQL[], sort: Sort, after: PageKey | undefined) =>
  and(...conditions, ...sortFilter(sort), ...(after ? [afterKey(sort, after)] : []));

/** Comments of a thread meeting `conditions`, past `after` in the sort's order. */
const threadPastKey = (thread: Thread, sort: Sort, after: PageKey | undefined, ...conditions: SQL[]) =>
  pastKey([...threadWhere(thread), ...conditions], sort, after);

/** Published comments (deleted placeholders included) of a thread past `after`: what everyone sees. */
export const publishedWhere = (thread: Thread, sort: Sort, after: PageKey | undefined) => threadPastKey(thread, sort, after, eq(comments.status, "published"));

/** Merges two slices, each sorted and cut at `limit` + 1, into one page. */
export function mergeSlices(sort: Sort, limit: number, ...slices: Comment[][]): Page {
  const merged = slices.flat().sort((a, b) => compareKeys(sort, pageKeyOf(sort, a), pageKeyOf(sort, b)));
  const rows = merged.slice(0, limit);
  const last = rows[rows.length - 1];
  return { rows, next: merged.length > limit && last ? pageKeyOf(sort, last) : null };
}

export type AuthorRow = { id: string; displayName: string; avatarUrl: string | null; badges: string[] };
