/**
 * An http(s) URL, or undefined: `javascript:`, `data:` and anything unparsable never become
 * links, whether a reader pasted them into a comment or they came as an article's URL.
 *
 * @example
 * const href = safeHref(article.url);
 * href ? h("a", { href, rel: "noopener noreferrer" }, title) : title;
 */
export function safeHref(raw: string | null | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}
