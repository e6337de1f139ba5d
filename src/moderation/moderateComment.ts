import type { Db } from "../db/client";
import type { Article, ModerationReason, User } from "../db/schema";
import { sha256Hex } from "../lib/crypto";
import { ApiError } from "../lib/errors";
import type { SiteRecord } from "../sites/sites.queries";
import { loadAuthorHistory } from "./history.queries";
import { moderate, type ModerationVerdict } from "./pipeline";
import { scorer } from "./scorer";
import { canonicalText, prepareForMatching } from "./text/normalize";

export interface CommentToModerate {
  site: SiteRecord;
  article: Pick<Article, "id" | "premoderation"> | undefined;
  articleId: string;
  /** `publishedCount` is the author's denormalised counter: "new user" needs no scan. */
  author: Pick<User, "id" | "role" | "createdAt" | "publishedCount">;
  body: string;
  isEdit: boolean;
  /** The comment being edited, left out of its own repeated-content checks. */
  commentId?: string;
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
 * Gathers what the pipeline needs (author history, classifier score) and runs it. A
 * borderline verdict not yet confirmed stops here with 422 `needs_confirmation`, so the
 * widget can ask the reader to revise before anything is stored.
 */
export async function moderateComment(db: Db, c: CommentToModerate): Promise<Moderated> {
  const matchable = prepareForMatching(c.body);
  const bodyHash = await sha256Hex(copyKey(c.body));
  const [history, scores] = await Promise.all([
    loadAuthorHistory(db, { siteId: c.site.id, authorId: c.author.id, articleId: c.articleId, bodyHash, now: c.now, excludeId: c.commentId }),
    scorer().score(c.body, matchable.text),
  ]);
  const toxicity = scores?.toxic ?? null;
  const verdict = moderate(
    {
      settings: c.site.settings,
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
