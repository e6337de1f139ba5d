import type { ModerationReason, User } from "../db/schema";
import type { SiteSettings } from "../sites/settings";
import type { MatchableText } from "./text/normalize";

/** Who performs a moderation action: the admin token (any site) or a moderator of one site. */
export type Actor = { type: "admin"; id: null } | { type: "moderator"; id: string; siteId: string };

/** What the author's past tells the pipeline; read in each write's batch (`historySteps`). */
export interface AuthorHistory {
  /** Published comments on the site, counted up to a small cap. */
  publishedCount: number;
  /** Decisions on the author's comments over the last 7 days (UTC days, today included). */
  recentDecisions: number;
  recentRejections: number;
  /** Earlier comments by this author with the same normalised text (last 24 h). */
  sameTextSameArticle: number;
  sameTextElsewhere: number;
  /** Distinct authors who posted this same normalised text on the site in the last hour. */
  sameTextAuthors: number;
}

/** Everything a phase may look at. Phases are pure: no I/O. */
export interface ModerationInput {
  settings: SiteSettings;
  /** The article's own pre-moderation mode, when it overrides the site's. */
  articlePremoderation: SiteSettings["premoderation"] | null;
  /** `moderates`: a moderator of the site (by the SSO role or an admin's grant), whose comments skip the pipeline. */
  author: Pick<User, "id" | "createdAt"> & { moderates: boolean };
  body: string;
  /** The body normalised for matching (case, spacing, look-alikes, jamo), prepared once for every word list. */
  matchable: MatchableText;
  history: AuthorHistory;
  /** The body with the built-in profanity masked (○○○), when the site masks it and it was found; else null. */
  masked: string | null;
  /** Classifier score 0..1, when a scorer is configured (the site's adapted score; of `masked` when there is one). */
  toxicity: number | null;
  /** The score from which a comment is held: the site's setting, its calibrated threshold or the model's (`holdThreshold`). */
  holdThreshold: number;
  isEdit: boolean;
  now: number;
}

/**
 * A phase's finding: hold for review, reject, or mask (publish with the words as ○○○).
 * `borderline` ones ask the author to confirm first.
 */
export interface Finding extends ModerationReason {
  action: "hold" | "reject" | "mask";
  borderline?: boolean;
}

/** A check of the pipeline: returns its findings (none means "allow"). */
export type Phase = (input: ModerationInput) => Finding[];
