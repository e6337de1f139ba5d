import { sql } from "drizzle-orm";
import { runBatch, type Db } from "../db/client";
import { dayOf } from "../limits/quota";
import type { AuthorHistory } from "./types";

const DAY = 24 * 3600 * 1000;

interface HistoryArgs {
  siteId: string;
  authorId: string;
  articleId: string;
  bodyHash: string;
  now: number;
  /** The comment being edited: its own text is not a copy of itself. */
  excludeId?: string;
}

/** Longest edit window a site may set: an edited text is at most this old. */
const MAX_EDIT_WINDOW_MS = 7 * DAY;

/**
 * What the pipeline needs to know about an author, in one round trip. Every query is bounded
 * by an index and a LIMIT, so a prolific author costs no more than a new one.
 */
export async function loadAuthorHistory(db: Db, a: HistoryArgs): Promise<Omit<AuthorHistory, "publishedCount">> {
  const [decisions, sameText, flood] = (await runBatch(db, [
    db.all(sql`select coalesce(sum(decisions), 0) as decisions, coalesce(sum(rejections), 0) as rejections from author_decisions
      where site_id = ${a.siteId} and user_id = ${a.authorId} and day >= ${dayOf(a.now - 6 * DAY)}`),
    db.all(sql`select article_id from comments
      where author_id = ${a.authorId} and body_hash = ${a.bodyHash} and created_at > ${a.now - DAY} and id != ${a.excludeId ?? ""} limit 20`),
    // Texts posted or edited into this one within the hour; an edited comment is at most one
    // edit window old, which keeps the index range short.
    db.all(sql`select count(distinct author_id) as n from (select author_id from comments
      where site_id = ${a.siteId} and body_hash = ${a.bodyHash} and created_at > ${a.now - MAX_EDIT_WINDOW_MS}
        and coalesce(edited_at, created_at) > ${a.now - 3600 * 1000} and author_id != ${a.authorId} limit 20)`),
  ])) as [{ decisions: number; rejections: number }[], { article_id: string }[], { n: number }[]];
  return {
    recentDecisions: decisions[0]?.decisions ?? 0,
    recentRejections: decisions[0]?.rejections ?? 0,
    sameTextSameArticle: sameText.filter((r) => r.article_id === a.articleId).length,
    sameTextElsewhere: new Set(sameText.filter((r) => r.article_id !== a.articleId).map((r) => r.article_id)).size,
    sameTextAuthors: flood[0]?.n ?? 0,
  };
}
