import { sql } from "drizzle-orm";
import { runBatch, type Db } from "../db/client";
import type { AuthorHistory } from "./types";

const DAY = 24 * 3600 * 1000;

/** Audit actions that decide a comment's fate, and those among them that reject it. */
export const decisionActions = ["auto_publish", "auto_reject", "approve", "reject"] as const;
export const rejectionActions = ["auto_reject", "reject"] as const;

interface HistoryArgs {
  siteId: string;
  authorId: string;
  articleId: string;
  bodyHash: string;
  /** Published comments are counted up to this many (enough to decide "new user"). */
  publishedCap: number;
  now: number;
}

const list = (values: readonly string[]) => sql.join(values.map((v) => sql`${v}`), sql`, `);

/**
 * What the pipeline needs to know about an author, in one round trip. Every query is bounded
 * by an index and a LIMIT, so a prolific author costs no more than a new one.
 */
export async function loadAuthorHistory(db: Db, a: HistoryArgs): Promise<AuthorHistory> {
  const [published, decisions, sameText, flood] = (await runBatch(db, [
    db.all(sql`select count(*) as n from (select 1 from comments
      where author_id = ${a.authorId} and site_id = ${a.siteId} and status = 'published' and deleted = 0 limit ${Math.max(a.publishedCap, 1)})`),
    db.all(sql`select action from moderation_actions
      where site_id = ${a.siteId} and user_id = ${a.authorId} and created_at > ${a.now - 7 * DAY}
        and action in (${list(decisionActions)}) limit 500`),
    db.all(sql`select article_id from comments
      where author_id = ${a.authorId} and body_hash = ${a.bodyHash} and created_at > ${a.now - DAY} limit 20`),
    db.all(sql`select count(distinct author_id) as n from (select author_id from comments
      where site_id = ${a.siteId} and body_hash = ${a.bodyHash} and created_at > ${a.now - 3600 * 1000} and author_id != ${a.authorId} limit 20)`),
  ])) as [{ n: number }[], { action: string }[], { article_id: string }[], { n: number }[]];
  const rejected = new Set<string>(rejectionActions);
  return {
    publishedCount: published[0]?.n ?? 0,
    recentDecisions: decisions.length,
    recentRejections: decisions.filter((d) => rejected.has(d.action)).length,
    sameTextSameArticle: sameText.filter((r) => r.article_id === a.articleId).length,
    sameTextElsewhere: new Set(sameText.filter((r) => r.article_id !== a.articleId).map((r) => r.article_id)).size,
    sameTextAuthors: flood[0]?.n ?? 0,
  };
}
