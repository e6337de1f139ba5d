/**
 * DOM building without markup: every piece of text becomes a text node, so nothing a reader
 * writes can turn into HTML. (The frame's CSP also enforces Trusted Types, which makes any
 * `innerHTML = string` throw.)
 */
import { h } from "../../../browser/dom";
import { safeHref } from "../../../browser/safeHref";
import { lang, t } from "./i18n";

export { h };

// What readers paste as links; trailing punctuation is more often the sentence's than the URL's.
const urlPattern = /\bhttps?:\/\/[^\s<>"']+/gi;
const trailing = /[.,;:!?)\]}'"。、]+$/;

/** Comment text as nodes: text as text (line breaks kept by CSS), http(s) URLs as safe anchors. */
export function richText(body: string): Node[] {
  const nodes: Node[] = [];
  let last = 0;
  for (const match of body.matchAll(urlPattern)) {
    const raw = match[0].replace(trailing, "");
    const start = match.index ?? 0;
    const href = safeHref(raw);
    if (!href) continue;
    if (start > last) nodes.push(document.createTextNode(body.slice(last, start)));
    nodes.push(h("a", { href, rel: "nofollow ugc noopener", target: "_blank" }, raw));
    last = start + raw.length;
  }
  if (last < body.length) nodes.push(document.createTextNode(body.slice(last)));
  return nodes;
}

/** "3분 전" / "3 min. ago" for the last day; a date after that. */
export function when(iso: string, now = Date.now()): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  if (seconds > -60) return t("justNow");
  const format = new Intl.RelativeTimeFormat(lang, { numeric: "auto", style: "short" });
  if (seconds > -3600) return format.format(Math.round(seconds / 60), "minute");
  if (seconds > -86400) return format.format(Math.round(seconds / 3600), "hour");
  return new Date(iso).toLocaleDateString(lang);
}

/** A wait in words: "45초", "3분", "2시간". */
export function duration(seconds: number): string {
  if (seconds < 60) return t("sec", { n: seconds });
  if (seconds < 3600) return t("min", { n: Math.ceil(seconds / 60) });
  return t("hour", { n: Math.ceil(seconds / 3600) });
}

export const clock = (ms: number) => new Date(ms).toLocaleTimeString(lang, { hour: "2-digit", minute: "2-digit" });
