import type { SourceThread } from "./sourceRecords";

/** Longest article id the API accepts (articleIdSchema). */
const MAX_ARTICLE_ID = 200;

/**
 * Why an admin's thread → article rule cannot be used, or undefined when it can: a valid
 * regular expression with exactly one capture group.
 *
 * @example articleRuleProblem("/news/(\\d+)") // undefined
 */
export function articleRuleProblem(rule: string): string | undefined {
  let pattern: RegExp;
  try {
    pattern = new RegExp(rule);
  } catch {
    return "is not a valid regular expression";
  }
  // Matching the empty alternative gives one slot per capture group.
  const groups = (new RegExp(`${pattern.source}|`).exec("")?.length ?? 1) - 1;
  return groups === 1 ? undefined : `must have exactly one capture group (has ${groups})`;
}

function urlPath(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const path = decodeURI(new URL(url).pathname);
    return path.length > 1 ? path.replace(/\/+$/, "") : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The article a thread's comments go to: the rule's capture on the URL when a rule is given
 * and matches, else the thread's own identifier (Disqus `<id>`), else the URL's path.
 */
export function articleIdFor(thread: SourceThread, rule: RegExp | undefined): string | undefined {
  const captured = rule && thread.url ? rule.exec(thread.url)?.[1] : undefined;
  const id = captured || thread.identifier || urlPath(thread.url);
  return id && id.length <= MAX_ARTICLE_ID ? id : undefined;
}
