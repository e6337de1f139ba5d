/** One comment of a queue as a card: everything needed to decide, and the buttons to do it. */
import { ago, dateTime, h, safeHref, type Child } from "./dom";
import { highlightable, type Highlight } from "./highlights";
import { label, t } from "./i18n";
import type { Decision, QueueItem } from "./types";

export interface ItemHandlers {
  decide(item: QueueItem, decision: Decision, askReason?: boolean): void;
  ban(item: QueueItem): void;
  highlight(item: QueueItem, kind: Highlight): void;
  badges(item: QueueItem): void;
  log(item: QueueItem, of: "comment" | "user"): void;
  select(item: QueueItem, selected: boolean): void;
}

/** The decisions that make sense for the comment as it is now (as the API judges them). */
export function decisionsFor(item: QueueItem): Decision[] {
  const { status, reported } = item.comment;
  if (status === "rejected") return ["restore"];
  return status === "published" && !reported ? ["reject"] : ["approve", "reject"];
}

function articleLine(item: QueueItem): HTMLElement {
  const title = item.article.title || item.article.id || t("noTitle");
  const href = safeHref(item.article.url);
  return h(
    "p",
    { class: "article" },
    h("span", { class: "label" }, t("article")),
    " ",
    href ? h("a", { href, target: "_blank", rel: "noopener noreferrer" }, title) : title,
  );
}

function authorLine(item: QueueItem): HTMLElement {
  const { author } = item;
  const ban = author.ban && (author.ban.until ? t("bannedUntil", { until: dateTime(author.ban.until) }) : t("bannedForever"));
  return h(
    "div",
    { class: "author" },
    h("strong", { class: "author-name" }, author.name),
    h("span", { class: "meta", title: dateTime(author.createdAt) }, t("joined", { age: ago(author.createdAt) })),
    h("span", { class: "meta history" }, t("history", author.history)),
    ban && h("span", { class: "badge bad", title: author.ban?.reason ?? "" }, ban),
  );
}

function commentMeta(item: QueueItem): HTMLElement {
  const c = item.comment;
  const parts: Child[] = [
    h("span", { class: `badge status-${c.status}` }, label("s_", c.status)),
    h("span", { title: dateTime(c.createdAt) }, t("posted", { when: ago(c.createdAt) })),
    c.editedAt && h("span", {}, t("edited")),
    c.parentId && h("span", {}, t("reply")),
    c.pinned && h("span", { class: "badge mark" }, t("pinnedMark")),
    c.featured && h("span", { class: "badge mark" }, t("featuredMark")),
    // Toxic from the site's own hold threshold in use (its setting, calibrated, or the model's), not a fixed number.
    c.toxicity !== null &&
      h("span", { class: item.explanation && c.toxicity >= item.explanation.threshold ? "toxic" : "" }, t("toxicity", { score: c.toxicity.toFixed(2) })),
  ];
  return h("p", { class: "meta" }, ...parts);
}

function reasonList(item: QueueItem): Child {
  if (!item.reasons.length) return null;
  return h(
    "section",
    { class: "reasons" },
    h("h4", {}, t("reasons")),
    h(
      "ul",
      {},
      ...item.reasons.map((r) =>
        h(
          "li",
          {},
          h("strong", {}, label("m_", r.code)),
          h("span", { class: "meta" }, ` ${r.source} · ${r.action} · ${r.code}`),
          r.detail ? h("span", { class: "detail" }, ` — ${r.detail}`) : null,
        ),
      ),
    ),
  );
}

/** The n-grams that pushed the score most, either way (re-extracted by the API from the text). */
function explanation(item: QueueItem): Child {
  const contributions = item.explanation?.contributions ?? [];
  if (!contributions.length) return null;
  return h(
    "section",
    { class: "explanation" },
    h("h4", {}, t("whyScore")),
    h(
      "ul",
      { class: "ngrams" },
      ...contributions.map((c) =>
        h(
          "li",
          { class: c.weight > 0 ? "push-up" : "push-down", title: t(c.weight > 0 ? "pushUp" : "pushDown") },
          h("span", { class: "ngram" }, c.ngrams.join(" · ")),
          h("span", { class: "weight" }, ` ${c.weight > 0 ? "+" : ""}${c.weight.toFixed(2)}`),
        ),
      ),
    ),
  );
}

function reportList(item: QueueItem): Child {
  if (!item.reports.length) return null;
  return h(
    "section",
    { class: "reports" },
    h("h4", {}, t("reportsTitle", { n: item.reports.length })),
    h(
      "ul",
      {},
      ...item.reports.map((r) =>
        h(
          "li",
          {},
          h("strong", {}, label("r_", r.reason)),
          r.note ? h("span", { class: "note" }, ` “${r.note}”`) : null,
          h("span", { class: "meta" }, ` · ${dateTime(r.createdAt)}`),
        ),
      ),
    ),
  );
}

function actionBar(item: QueueItem, on: ItemHandlers): HTMLElement {
  const button = (text: string, cls: string, run: () => void, action?: string, extra: Record<string, string> = {}) =>
    h("button", { type: "button", class: `btn ${cls}`, "data-action": action, on: { click: run }, ...extra }, text);
  const decisions = decisionsFor(item);
  const { pinned, featured } = item.comment;
  // Pressed buttons say what pressing them does now (고정 해제), as in the widget.
  const highlights = highlightable(item.comment) && [
    button(t(pinned ? "unpin" : "pin"), "", () => on.highlight(item, "pin"), "pin", { "aria-pressed": String(pinned) }),
    button(t(featured ? "unfeature" : "feature"), "", () => on.highlight(item, "feature"), "feature", { "aria-pressed": String(featured) }),
  ];
  return h(
    "div",
    { class: "actions" },
    decisions.includes("approve") && button(t("approve"), "primary", () => on.decide(item, "approve"), "approve"),
    decisions.includes("restore") && button(t("restore"), "primary", () => on.decide(item, "restore"), "restore"),
    decisions.includes("reject") && button(t("reject"), "danger", () => on.decide(item, "reject"), "reject"),
    decisions.includes("reject") && button(t("rejectWithReason"), "", () => on.decide(item, "reject", true), "reject-reason"),
    button(t("ban"), "", () => on.ban(item), "ban"),
    ...(highlights || []),
    button(t("badges"), "", () => on.badges(item), "badges", { "aria-label": t("badgesOf", { name: item.author.name }) }),
    h("span", { class: "spacer" }),
    button(t("commentLog"), "link", () => on.log(item, "comment"), "comment-log"),
    button(t("userLog"), "link", () => on.log(item, "user"), "user-log"),
  );
}

/**
 * The card of a queue item. The comment is text only (`white-space: pre-wrap` keeps its line
 * breaks); the article links only to an http(s) URL.
 */
export function renderItem(item: QueueItem, selected: boolean, on: ItemHandlers): HTMLLIElement {
  const titleId = `item-${item.comment.id}`;
  const checkbox = h("input", { type: "checkbox", class: "select", checked: selected, "aria-label": t("selectItem", { name: item.author.name }) });
  checkbox.addEventListener("change", () => on.select(item, checkbox.checked));
  return h(
    "li",
    { class: "item", tabIndex: -1, "data-id": item.comment.id, "aria-labelledby": titleId },
    h("h3", { class: "sr-only", id: titleId }, t("commentBy", { name: item.author.name })),
    h("div", { class: "item-head" }, checkbox, authorLine(item)),
    articleLine(item),
    h("p", { class: "body" }, item.comment.body ?? ""),
    // The site masks profanity: what readers see beside the whole text.
    item.comment.publicBody !== null && h("p", { class: "public-body" }, t("publicBody", { text: item.comment.publicBody })),
    commentMeta(item),
    reasonList(item),
    explanation(item),
    reportList(item),
    actionBar(item, on),
    h("p", { class: "notice", role: "status" }),
  );
}
