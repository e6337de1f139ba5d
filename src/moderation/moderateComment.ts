import type { Article, ModerationReason, User } from "../db/schema";
import { sha256Hex } from "../lib/crypto";
import { ApiError } from "../lib/errors";
import type { SiteRecord } from "../sites/sites.queries";
import type { AuthorHistory } from "./types";
import { moderate, type ModerationVerdict } from "./pipeline";
import { scorer } from "./scorer";
import { canonicalText, prepareForMatching } from "./text/normalize";
import { holdThreshold } from "./adaptation/holdThreshold";
import { siteScore } from "./adaptation/siteScore";
import type { SiteScoring } from "./adaptation/siteScoring";

/** What moderating a text needs before anything is read: its matching form, its copy hash, its score (under way). */
export interface PreparedText {
  matchable: ReturnType<typeof prepareForMatching>;
  bodyHash: string;
  scores: ReturnType<ReturnType<typeof scorer>["score"]>;
}

/** Starts on a text: the classifier scores it while the write's read batch runs. */
export async function prepareText(body: string): Promise<PreparedText> {
  const matchable = prepareForMatching(body);
  const scores = scorer().score(body, matchable.text);
  // A failed score is awaited (and reported) by moderateComment, not left unhandled here.
  scores.catch(() => {});
  return { matchable, bodyHash: await sha256Hex(copyKey(body)), scores };
}

export interface CommentToModerate {
  site: SiteRecord;
  /** The site's adaptation, as the write's read batch found it (`scoringSteps`, `siteScoringFrom`). */
  adaptation: SiteScoring;
  text: PreparedText;
  /** The author's history as the write's read batch found it (`historySteps`, `readHistory`). */
  history: Omit<AuthorHistory, "publishedCount">;
  article: Pick<Article, "id" | "premoderation"> | undefined;
  articleId: string;
  /** `publishedCount` is the author's denormalised counter: "new user" needs no scan. */
  author: Pick<User, "id" | "role" | "createdAt" | "publishedCount">;
  body: string;
  isEdit: boolean;
  /** The author saw the warning and posts anyway. */
  confirmed: boolean;
  now: number;
}

/**
 * What makes two comments "the same text": letters and digits of the canonical form (case,
 * width, stretched letters), ignoring spacing and punctuation. Not the matching form, whose
 * look-alike and repeat folding would make "point 1" equal "point 11".
 */
export const copyKey = (body: string) => canonicalText(body).replace(/[^\p{L}\p{N}]+/gu, "");

export interface Moderated {
  verdict: ModerationVerdict;
  bodyHash: string;
  toxicity: number | null;
}

/**
 * Runs the pipeline on a prepared text with the author's history. A borderline verdict not yet
 * confirmed stops here with 422 `needs_confirmation`, so the widget can ask the reader to
 * revise before anything is stored.
 */
export async function moderateComment(c: CommentToModerate): Promise<Moderated> {
  const { matchable, bodyHash } = c.text;
  const history = c.history;
  const scores = await c.text.scores;
  const toxicity = scores ? siteScore(c.adaptation.model, scores.toxic, c.body, matchable.text) : null;
  const verdict = moderate(
    {
      settings: c.site.settings,
      holdThreshold: holdThreshold(c.site.settings.toxicityThreshold, c.adaptation.calibratedThreshold).value,
      articlePremoderation: c.article?.premoderation ?? null,
      author: c.author,
      body: c.body,
      matchable,
      history: { ...history, publishedCount: c.author.publishedCount },
      toxicity,
      isEdit: c.isEdit,
      now: c.now,
    },
    c.confirmed,
  );
  if (verdict.needsConfirmation) {
    throw new ApiError("needs_confirmation", "This comment may break the site's rules. Revise it, or post it with confirm: true to have it reviewed.", {
      reasons: verdict.reasons.map(({ code, detail }) => ({ code, detail })),
    });
  }
  return { verdict, bodyHash, toxicity };
}

/** The 422 a rejected comment answers, with reason codes the widget can show. */
export function rejectedError(found: ModerationReason[], commentId?: string): ApiError {
  const reasons = found.filter((r) => r.action === "reject").map(({ code, detail }) => ({ code, detail }));
  return new ApiError("comment_rejected", "This comment breaks the site's rules and was not published", { reasons, ...(commentId ? { commentId } : {}) });
}
