import type { Article, ModerationReason, User } from "../db/schema";
import { sha256Hex } from "../lib/crypto";
import { ApiError } from "../lib/errors";
import type { SiteSettings } from "../sites/settings";
import type { SiteRecord } from "../sites/sites.queries";
import type { AuthorHistory } from "./types";
import { profanityMatcher } from "./phases/words";
import { moderate, type ModerationVerdict } from "./pipeline";
import { scorer } from "./scorer";
import { maskWords } from "./text/mask";
import { canonicalText, normalizeForMatching, prepareForMatching } from "./text/normalize";
import { findWords } from "./text/wordFilter";
import { holdThreshold } from "./adaptation/holdThreshold";
import { siteScore } from "./adaptation/siteScore";
import type { SiteScoring } from "./adaptation/siteScoring";

/** What moderating a text needs before anything is read: its matching form, its copy hash, its score (under way). */
export interface PreparedText {
  matchable: ReturnType<typeof prepareForMatching>;
  bodyHash: string;
  /** The body with profanity masked, on a site whose policy is `mask` and when there is some to mask. */
  masked: string | null;
  /** The text the classifier scores (`masked` when there is one, else the body) and its matching form. */
  scored: { text: string; normalized: string };
  scores: ReturnType<ReturnType<typeof scorer>["score"]>;
}

/**
 * Starts on a text: the classifier scores it while the write's read batch runs. Where the
 * site masks profanity, the masked copy is made now (once, at write time: readers are served
 * it as stored) and is what gets scored, so a masked intensifier does not hold the comment.
 * Not for a moderator's own comment: the pipeline skips it, so it is published as written.
 */
export async function prepareText(
  body: string,
  settings: Pick<SiteSettings, "profanity" | "profanityWords">,
  author: { moderates: boolean },
): Promise<PreparedText> {
  const matchable = prepareForMatching(body);
  const profanity = profanityMatcher(settings);
  const masks = settings.profanity === "mask" && !author.moderates && findWords(profanity, matchable).length > 0;
  const masked = (masks && maskWords(profanity, body)) || null;
  const scored = masked === null ? { text: body, normalized: matchable.text } : { text: masked, normalized: normalizeForMatching(masked) };
  const scores = scorer().score(scored.text, scored.normalized);
  // A failed score is awaited (and reported) by moderateComment, not left unhandled here.
  scores.catch(() => {});
  return { matchable, bodyHash: await sha256Hex(copyKey(body)), masked, scored, scores };
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
  author: Pick<User, "id" | "createdAt" | "publishedCount"> & { moderates: boolean };
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
  /**
   * What readers see when it differs from the body (`comments.public_body`), else null: the
   * masked copy, which is also the text `toxicity` is the score of (see `scoredText`).
   */
  publicBody: string | null;
}

/**
 * Runs the pipeline on a prepared text with the author's history. A borderline verdict not yet
 * confirmed stops here with 422 `needs_confirmation`, so the widget can ask the reader to
 * revise before anything is stored.
 */
export async function moderateComment(c: CommentToModerate): Promise<Moderated> {
  const { matchable, bodyHash, scored } = c.text;
  const history = c.history;
  const scores = await c.text.scores;
  // The site's correction is of the text the base model scored: the masked copy where there is one.
  const toxicity = scores ? siteScore(c.adaptation.model, scores.toxic, scored.text, scored.normalized) : null;
  const verdict = moderate(
    {
      settings: c.site.settings,
      holdThreshold: holdThreshold(c.site.settings.toxicityThreshold, c.adaptation.calibratedThreshold).value,
      articlePremoderation: c.article?.premoderation ?? null,
      author: c.author,
      body: c.body,
      matchable,
      masked: c.text.masked,
      history: { ...history, publishedCount: c.author.publishedCount },
      toxicity,
      isEdit: c.isEdit,
      now: c.now,
    },
    c.confirmed,
  );
  // Kept on a rejected comment too: the text its score is of, and what readers see should a
  // moderator restore it (the site's policy still masks).
  const publicBody = c.text.masked;
  if (verdict.needsConfirmation) {
    const onlyMasked = verdict.status === "published";
    throw new ApiError(
      "needs_confirmation",
      onlyMasked
        ? "This comment has words the site masks. Revise it, or post it with confirm: true to publish it with them shown as ○○○."
        : "This comment may break the site's rules. Revise it, or post it with confirm: true to have it reviewed.",
      {
        reasons: verdict.reasons.map(({ code, detail }) => ({ code, detail })),
        // What readers would see: the author is told before posting, not after.
        ...(verdict.masked && publicBody !== null ? { publicBody } : {}),
      },
    );
  }
  return { verdict, bodyHash, toxicity, publicBody };
}

/**
 * The text a stored comment's `toxicity` is the score of, and so what its label teaches the
 * site and what explains its score: the public (masked) copy when there is one, else the body.
 */
export const scoredText = (c: { body: string | null; publicBody: string | null }): string | null => c.publicBody ?? c.body;

/** The 422 a rejected comment answers, with reason codes the widget can show. */
export function rejectedError(found: ModerationReason[], commentId?: string): ApiError {
  const reasons = found.filter((r) => r.action === "reject").map(({ code, detail }) => ({ code, detail }));
  return new ApiError("comment_rejected", "This comment breaks the site's rules and was not published", { reasons, ...(commentId ? { commentId } : {}) });
}
