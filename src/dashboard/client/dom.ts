/**
 * DOM building without markup: text is only ever text nodes or `textContent`, so nothing a
 * reader wrote can become HTML. (The page's CSP enforces Trusted Types too: any
 * `innerHTML = string` throws.)
 */
import { h, type Child } from "../../browser/dom";
import { lang, t } from "./i18n";

export { h, type Child };
export { safeHref } from "../../browser/safeHref";

/** A date and time in the page's language. */
export const dateTime = (iso: string) => new Date(iso).toLocaleString(lang, { dateStyle: "medium", timeStyle: "short" });

/** How long ago, in the largest unit that fits: "3분 전", "2 days ago". */
export function ago(iso: string, now = Date.now()): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  if (Math.abs(seconds) < 60) return t("justNow");
  const format = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ["year", 31_536_000],
    ["month", 2_592_000],
    ["day", 86_400],
    ["hour", 3600],
    ["minute", 60],
  ];
  const [unit, size] = units.find(([, size]) => Math.abs(seconds) >= size) ?? ["minute", 60];
  return format.format(Math.trunc(seconds / size), unit);
}

let fieldCounter = 0;

/** A labelled field of a form or dialog: the label names the control for screen readers. */
export function field(labelText: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id || `field-${++fieldCounter}`;
  control.id = id;
  const hintId = hint ? `${id}-hint` : undefined;
  if (hintId) control.setAttribute("aria-describedby", hintId);
  return h("div", { class: "field" }, h("label", { htmlFor: id }, labelText), control, hint && h("p", { class: "hint", id: hintId }, hint));
}

/** An error line of a form or dialog, announced when it changes. */
export const errorLine = () => h("p", { class: "error", role: "alert" });
