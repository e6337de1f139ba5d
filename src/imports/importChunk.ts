import { sql } from "drizzle-orm";
import type { BatchStatement, Db } from "../db/client";
import { articles, comments, type ImportError, type ModerationReason } from "../db/schema";
import { sha256Hex } from "../lib/crypto";
import { newId } from "../lib/ids";
import { plainName } from "../lib/plainText";
import { bumpQueue } from "../moderation/queueCounts.queries";
import { articleIdFor } from "./articleRule";
import { countIntoArticle, countIntoReplies } from "./recount.queries";
import type { SourceAuthor, SourceComment, SourceRecord, SourceThread } from "./sourceRecords";
import { sourceDate } from "./sourceDates";
import { claimed, insertImportedAuthor, rememberedSources, rememberSource, type SourceRow } from "./sources.queries";
import { htmlToText } from "./htmlToText";

export interface ImportContext {
  siteId: string;
  importId: string;
  rule: RegExp | undefined;
  now: number;
}

/** What one chunk added; the import's counters grow by it. */
export interface Tally {
  comments: number;
  authors: number;
  skipped: number;
  rejected: number;
  errors: ImportError[];
}

const LONGEST_NAME = 100;
const SPAM_REASON: ModerationReason[] = [{ source: "import", action: "reject", code: "spam_in_source" }];

/** The stable key of an author: their source username, else a hash of their e-mail (never the e-mail), else their name. */
async function authorKey(siteId: string, author: SourceAuthor, name: string): Promise<string> {
  if (author.username && !author.anonymous) return `username:${author.username}`;
  if (author.email) return `email:${await sha256Hex(`${siteId}\n${author.email.trim().toLowerCase()}`)}`;
  return `name:${name}`;
}

/** A stand-in id for a post without one: the same post in the same file always gets the same one. */
async function sourceIdOf(comment: SourceComment): Promise<string> {
  return comment.sourceId ?? `hash:${await sha256Hex([comment.threadId, comment.createdAt, comment.author.name, comment.html].join("\n"))}`;
}

/**
 * The statements that write one chunk of records (threads remembered, authors and comments
 * created, counters of every article and comment touched recounted), after one read batch of
 * what earlier chunks and imports already brought in. Re-reading records already written adds
 * nothing.
 */
export async function importChunk(db: Db, ctx: ImportContext, records: SourceRecord[]) {
  const tally: Tally = { comments: 0, authors: 0, skipped: 0, rejected: 0, errors: [] };
  const skip = (line: number, message: string, sourceId?: string) => {
    tally.skipped++;
    tally.errors.push({ line, ...(sourceId ? { sourceId } : {}), message });
  };
  const ready = await Promise.all(
    records.map(async (record) => {
      if (record.kind !== "comment") return { record };
      const name = plainName(record.comment.author.name || record.comment.author.username || "").slice(0, LONGEST_NAME) || "Anonymous";
      return { record, sourceId: await sourceIdOf(record.comment), name, key: await authorKey(ctx.siteId, record.comment.author, name) };
    }),
  );
  const wanted = { thread: [] as string[], post: [] as string[], author: [] as string[] };
  for (const { record, sourceId, key } of ready) {
    if (record.kind === "thread") wanted.thread.push(record.thread.sourceId);
    if (record.kind !== "comment") continue;
    wanted.thread.push(record.comment.threadId);
    wanted.post.push(sourceId!, ...(record.comment.parentId ? [record.comment.parentId] : []));
    wanted.author.push(key!);
  }
  const known = await rememberedSources(db, ctx.siteId, wanted);
  const find = (kind: SourceRow["kind"], id: string) => known.get(`${kind}|${id}`);
  const remember = (row: Omit<SourceRow, "siteId" | "importId">) => {
    const full = { ...row, siteId: ctx.siteId, importId: ctx.importId };
    known.set(`${row.kind}|${row.sourceId}`, full);
    statements.push(rememberSource(db, full));
  };

  const statements: BatchStatement[] = [];
  const touchedArticles = new Map<string, string[]>();
  const touchedRoots = new Map<string, string[]>();
  for (const { record, sourceId, name, key } of ready) {
    if (record.kind === "invalid") skip(record.line, record.message, record.sourceId);
    else if (record.kind === "thread") rememberThread(record.thread, record.line);
    else writeComment(record.comment, record.line, sourceId!, name!, key!);
  }

  function rememberThread(thread: SourceThread, line: number) {
    if (find("thread", thread.sourceId)) return;
    const articleId = articleIdFor(thread, ctx.rule);
    if (!articleId) {
      tally.errors.push({ line, sourceId: thread.sourceId, message: "Thread without an article id: empty <id> and no usable URL; its posts are skipped" });
      return;
    }
    remember({ kind: "thread", sourceId: thread.sourceId, localId: articleId, rootId: null, name: thread.title ?? null, url: thread.url ?? null });
  }

  function writeComment(comment: SourceComment, line: number, sourceId: string, name: string, key: string) {
    if (find("post", sourceId)) return; // already imported
    const thread = find("thread", comment.threadId);
    if (!thread?.localId) return skip(line, `Thread ${comment.threadId} is not in the file (or has no article id)`, sourceId);
    const at = sourceDate(comment.createdAt, ctx.now);
    if (at === undefined) return skip(line, `Invalid date '${comment.createdAt}'`, sourceId);
    const parent = comment.parentId ? find("post", comment.parentId) : undefined;
    if (comment.parentId && !parent) tally.errors.push({ line, sourceId, message: `Parent ${comment.parentId} not found: imported as a top-level comment` });
    // Replies attach to their top-level ancestor; deeper ones name whom they answered.
    const rootId = parent ? (parent.rootId ?? parent.localId) : null;
    const deleted = comment.state === "deleted";
    if (deleted && parent) {
      tally.skipped++;
      return remember({ kind: "post", sourceId, localId: null, rootId, name, url: null });
    }
    let body: string | null = null;
    if (!deleted) {
      const text = htmlToText(comment.html, comment.keepNewlines);
      if (!text) return skip(line, "Comment without text", sourceId);
      body = parent?.rootId ? `@${parent.name ?? "Anonymous"} ${text}` : text;
    }
    if (!rootId && parent) return skip(line, `Parent ${comment.parentId} was skipped`, sourceId);
    const id = newId(at);
    const status = comment.state === "spam" ? "rejected" : comment.state === "pending" ? "pending" : "published";
    ensureAuthor(key, name, at);
    ensureArticle(thread, at);
    if (status === "published" && !deleted) {
      touchedArticles.get(thread.localId!)!.push(id);
      if (rootId) touchedRoots.set(rootId, [...(touchedRoots.get(rootId) ?? []), id]);
    }
    remember({ kind: "post", sourceId, localId: id, rootId, name, url: null });
    statements.push(
      db.run(sql`
        insert into ${comments} (id, site_id, article_id, parent_id, author_id, body, status, deleted, created_at, reasons, import_id)
        select ${id}, ${ctx.siteId}, ${thread.localId}, ${rootId}, (${authorOf(key)}), ${body}, ${status}, ${deleted ? 1 : 0}, ${at},
          ${JSON.stringify(status === "rejected" ? SPAM_REASON : [])}, ${ctx.importId}
        where ${claimed(ctx.siteId, "post", sourceId, id)}`),
    );
    if (!deleted && status !== "published") {
      statements.push(bumpQueue(db, ctx.siteId, status, 1, sql`exists (select 1 from ${comments} where ${comments.id} = ${id})`));
    }
    if (!deleted) tally.comments++;
    if (status === "rejected") tally.rejected++;
  }

  function authorOf(key: string) {
    return sql`select local_id from import_sources where site_id = ${ctx.siteId} and kind = 'author' and source_id = ${key}`;
  }

  function ensureAuthor(key: string, name: string, at: number) {
    if (find("author", key)) return;
    const id = newId(at);
    remember({ kind: "author", sourceId: key, localId: id, rootId: null, name, url: null });
    statements.push(insertImportedAuthor(db, { id, siteId: ctx.siteId, name, key, importId: ctx.importId, at }));
    tally.authors++;
  }

  function ensureArticle(thread: SourceRow, at: number) {
    if (touchedArticles.has(thread.localId!)) return;
    touchedArticles.set(thread.localId!, []);
    statements.push(
      db
        .insert(articles)
        .values({ siteId: ctx.siteId, id: thread.localId!, url: thread.url, title: thread.name, createdAt: at, importId: ctx.importId })
        .onConflictDoNothing(),
    );
  }

  for (const [articleId, ids] of touchedArticles) statements.push(...countIntoArticle(db, ctx.siteId, articleId, ids));
  for (const [rootId, ids] of touchedRoots) statements.push(...countIntoReplies(db, rootId, ids));
  return { statements, tally };
}
