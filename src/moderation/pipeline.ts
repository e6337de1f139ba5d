import type { CommentStatus } from "../db/schema";
import { bannedWords, suspectWords } from "./phases/words";
import { links } from "./phases/links";
import { premoderation } from "./phases/premoderation";
import { repeatedContent } from "./phases/repeatedContent";
import { toxicity } from "./phases/toxicity";
import { trust } from "./phases/trust";
import type { Finding, ModerationInput, Phase } from "./types";

export type { ModerationInput } from "./types";

/** The checks, in order. Each is small and independent; a reject from any one is final. */
export const phases: Phase[] = [bannedWords, repeatedContent, links, suspectWords, toxicity, premoderation, trust];

export interface ModerationVerdict {
  status: CommentStatus;
  reasons: Finding[];
  /** Borderline findings the author has not yet confirmed: ask before posting. */
  needsConfirmation: boolean;
}

/**
 * Runs every phase and decides: any reject → rejected; else any hold → pending; else
 * published. Moderators' own comments skip the pipeline. Borderline holds (suspect words,
 * high toxicity) first ask the author to confirm, as the best news platforms do.
 */
export function moderate(input: ModerationInput, confirmed: boolean, pipeline: Phase[] = phases): ModerationVerdict {
  if (input.author.role === "moderator") return { status: "published", reasons: [], needsConfirmation: false };
  const reasons: Finding[] = [];
  for (const phase of pipeline) {
    const findings = phase(input);
    reasons.push(...findings);
    if (findings.some((f) => f.action === "reject")) {
      return { status: "rejected", reasons, needsConfirmation: false };
    }
  }
  if (reasons.length === 0) return { status: "published", reasons, needsConfirmation: false };
  const needsConfirmation = !confirmed && reasons.some((r) => r.borderline);
  return { status: "pending", reasons, needsConfirmation };
}
