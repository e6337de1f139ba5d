import type { Phase } from "../types";

/** Shorter texts ("감사합니다", "+1") are legitimately repeated; only longer ones count as copies. */
const MIN_REPEAT_CHARS = 10;
/** Distinct authors posting one text within an hour that looks like a coordinated flood. */
const FLOOD_AUTHORS = 3;

/**
 * Rejects the same text posted again by its author on the same article, holds it when copied
 * to other articles, and holds a text that several accounts are posting at once. Edits are
 * checked the same way (the history leaves the edited comment out): editing unique texts into
 * one shared text is flooding too.
 */
export const repeatedContent: Phase = (input) => {
  const { sameTextSameArticle, sameTextElsewhere, sameTextAuthors } = input.history;
  if (sameTextSameArticle > 0) {
    return [{ source: "repeatedContent", action: "reject", code: "duplicate", detail: "You already posted this comment here" }];
  }
  if ([...input.matchable.text].length < MIN_REPEAT_CHARS) return [];
  if (sameTextElsewhere > 0) {
    return [{ source: "repeatedContent", action: "hold", code: "repeated", detail: `Posted on ${sameTextElsewhere} other article(s)` }];
  }
  if (sameTextAuthors + 1 >= FLOOD_AUTHORS) {
    return [{ source: "repeatedContent", action: "hold", code: "flooding", detail: `${sameTextAuthors} other accounts posted this text within an hour` }];
  }
  return [];
};
