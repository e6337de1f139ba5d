import { and, countDistinct, eq, gt, gte, ne, sql } from "drizzle-orm";
import type { Db, StepResults } from "../db/client";
import { authorDecisions, comments } from "../db/schema";
import { dayOf } from "../lib/iso";
import type { AuthorHistory } from "./types";

const DAY = 24 * 3600 * 1000;

interface HistoryArgs {
  siteId: string;
  authorId: string;
  bodyHash: string;
  now: number;
  /** The comment being edited: its own text is not a copy of itself. */
  excludeId?: string;
}

/** Longest edit window a site may set: an edited text is at most this old. */
const MAX_EDIT_WINDOW_MS = 7 * DAY;

/**
 * What the pipeline needs to know about an author, as steps of the write's one read batch.
 * Every query is bounded by an index and a LIMIT, so a prolific author costs no more than a
 * new one. None needs the article: `readHistory` sorts same-text comments by article afterwards.
 */
export function historySteps(db: Db, a: HistoryArgs) {
  // Texts posted or edited into this one within the hour; an edited comment is at most one
  // edit window old, which keeps the index range short.
  const recentSameText = db
    .select({ authorId: comments.authorId })
    .from(comments)
    .where(
      and(
        eq(comments.siteId, a.siteId),
        eq(comments.bodyHash, a.bodyHash),
        gt(comments.createdAt, a.now - MAX_EDIT_WINDOW_MS),
        gt(sql`coalesce(${comments.editedAt}, ${comments.createdAt})`, a.now - 3600 * 1000),
        ne(comments.authorId, a.authorId),
      ),
    )
    .limit(20)
    .as("recent_same_text");
  return {
    decisions: db
      .select({
        decisions: sql<number>`coalesce(sum(${authorDecisions.decisions}), 0)`,
        rejections: sql<number>`coalesce(sum(${authorDecisions.rejections}), 0)`,
      })
      .from(authorDecisions)
      .where(and(eq(authorDecisions.siteId, a.siteId), eq(authorDecisions.userId, a.authorId), gte(authorDecisions.day, dayOf(a.now - 6 * DAY)))),
    sameText: db
      .select({ articleId: comments.articleId })
      .from(comments)
      .where(and(eq(comments.authorId, a.authorId), eq(comments.bodyHash, a.bodyHash), gt(comments.createdAt, a.now - DAY), ne(comments.id, a.excludeId ?? "")))
      .limit(20),
    flood: db.select({ n: countDistinct(recentSameText.authorId) }).from(recentSameText),
  };
}

type HistoryRows = StepResults<ReturnType<typeof historySteps>>;

/** The author's history from the rows of `historySteps`, for a comment on `articleId`. */
export function readHistory({ decisions, sameText, flood }: HistoryRows, articleId: string): Omit<AuthorHistory, "publishedCount"> {
  return {
    recentDecisions: decisions[0]?.decisions ?? 0,
    recentRejections: decisions[0]?.rejections ?? 0,
    sameTextSameArticle: sameText.filter((r) => r.articleId === articleId).length,
    sameTextElsewhere: new Set(sameText.filter((r) => r.articleId !== articleId).map((r) => r.articleId)).size,
    sameTextAuthors: flood[0]?.n ?? 0,
  };
}
