import type { CommentStatus } from "../db/schema";
import { bannedWords, profanityWords, suspectWords } from "./phases/words";
import { links } from "./phases/links";
import { premoderation } from "./phases/premoderation";
import { repeatedContent } from "./phases/repeatedContent";
import { toxicity } from "./phases/toxicity";
import { trust } from "./phases/trust";
import type { Finding, ModerationInput, Phase } from "./types";

export type { ModerationInput } from "./types";

/** The checks, in order. Each is small and independent; a reject from any one is final. */
export const phases: Phase[] = [bannedWords, profanityWords, repeatedContent, links, suspectWords, toxicity, premoderation, trust];

export interface ModerationVerdict {
  status: CommentStatus;
  reasons: Finding[];
  /** Borderline findings the author has not yet confirmed: ask before posting. */
  needsConfirmation: boolean;
  /** Whether readers see the body with profanity masked (a `mask` finding): store `ModerationInput.masked`. */
  masked: boolean;
}

/**
 * Runs every phase and decides: any reject → rejected; else any hold → pending; else
 * published (masked where a phase said mask). Moderators' own comments skip the pipeline.
 * Borderline findings (suspect words, profanity, high toxicity) first ask the author to
 * confirm, as the best news platforms do.
 */
export function moderate(input: ModerationInput, confirmed: boolean, pipeline: Phase[] = phases): ModerationVerdict {
  if (input.author.moderates) return { status: "published", reasons: [], needsConfirmation: false, masked: false };
  const reasons: Finding[] = [];
  for (const phase of pipeline) {
    const findings = phase(input);
    reasons.push(...findings);
    if (findings.some((f) => f.action === "reject")) {
      return { status: "rejected", reasons, needsConfirmation: false, masked: false };
    }
  }
  const masked = reasons.some((r) => r.action === "mask");
  const needsConfirmation = !confirmed && reasons.some((r) => r.borderline);
  const status = reasons.some((r) => r.action === "hold") ? "pending" : "published";
  return { status, reasons, needsConfirmation, masked };
}
