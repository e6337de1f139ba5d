/** One comment's card: author, time, text, status and the actions the reader may take. */
import { askDelete, askReport, ignore, react, startEdit, startReply, unignore } from "./actions";
import { state } from "./app";
import { h, richText, when } from "./dom";
import { t } from "./i18n";
import { store } from "./store";
import type { Comment } from "./types";

const button = (key: string, label: string, onClick: (e: Event) => void, extra: Record<string, unknown> = {}) =>
  h("button", { type: "button", class: `m-act m-${key}`, "data-k": key, on: { click: onClick }, ...extra }, label);

/** Whether the author may still edit: the site's window, by the reader's clock. */
export const editable = (c: Comment) => c.mine && Date.now() - Date.parse(c.createdAt) < state.config.editWindowSeconds * 1000;

function placeholder(c: Comment, text: string, action?: HTMLElement): HTMLElement {
  return h("div", { class: "m-card m-placeholder", id: `card-${c.id}` }, h("p", {}, text), action);
}

function reactions(c: Comment): HTMLElement {
  // Readers cannot react to their own comments: the counts are shown as text.
  if (c.mine) return h("span", { class: "m-reactions m-counts" }, `${t("like")} ${c.likes} · ${t("dislike")} ${c.dislikes}`);
  const pressed = (value: string) => (c.myReaction === value ? "true" : "false");
  return h(
    "span",
    { class: "m-reactions" },
    button("like", `${t("like")} ${c.likes}`, () => react(c, "like"), { "aria-pressed": pressed("like") }),
    button("dislike", `${t("dislike")} ${c.dislikes}`, () => react(c, "dislike"), { "aria-pressed": pressed("dislike") }),
  );
}

function actions(c: Comment): HTMLElement {
  const own = c.mine
    ? [editable(c) && button("edit", t("edit"), () => startEdit(c)), button("delete", t("delete"), (e) => askDelete(c, e.currentTarget as HTMLElement))]
    : [
        button("report", t("report"), (e) => askReport(c, e.currentTarget as HTMLElement)),
        button("ignore", t("ignore"), () => ignore(c)),
      ];
  return h(
    "div",
    { class: "m-actions" },
    reactions(c),
    button("reply", c.parentId === null && c.replyCount > 0 ? t("replies", { n: c.replyCount }) : t("reply"), () => startReply(c)),
    h("span", { class: "m-more-actions" }, ...own),
  );
}

function avatar(c: Comment): HTMLElement {
  const url = c.author?.avatar;
  if (url && /^https:\/\//i.test(url)) return h("img", { class: "m-avatar", src: url, alt: "", width: 32, height: 32, loading: "lazy" });
  return h("span", { class: "m-avatar", "aria-hidden": "true" }, [...(c.author?.name ?? "?")][0]);
}

/**
 * The card of a comment as this reader sees it: deleted ones, ones by users they ignore and
 * ones they reported show as one line without the text.
 */
export function renderCard(c: Comment): HTMLElement {
  if (c.deleted || !c.author || c.body === null) return placeholder(c, t("deleted"));
  if (!c.mine && store.reported().includes(c.id)) return placeholder(c, t("reported"));
  const author = c.author;
  if (!c.mine && store.ignored().some((u) => u.id === author.id)) {
    return placeholder(c, t("ignored"), button("unignore", t("unignore"), () => unignore(author.id)));
  }
  const nameId = `name-${c.id}`;
  return h(
    "article",
    { class: `m-card${c.status === "pending" ? " m-pending" : ""}${c.mine ? " m-mine" : ""}`, id: `card-${c.id}`, "aria-labelledby": nameId },
    h(
      "header",
      { class: "m-meta" },
      avatar(c),
      h("strong", { class: "m-author", id: nameId }, author.name),
      h("time", { dateTime: c.createdAt, title: new Date(c.createdAt).toLocaleString() }, when(c.createdAt)),
      c.editedAt && h("span", { class: "m-edited" }, t("edited")),
    ),
    c.status === "pending" && h("p", { class: "m-badge" }, t("pending")),
    h("p", { class: "m-body" }, ...richText(c.body)),
    actions(c),
  );
}

/** Replaces a card in place, keeping keyboard focus on the same control. */
export function replaceCard(c: Comment): void {
  const old = document.getElementById(`card-${c.id}`);
  if (!old) return;
  const focused = old.contains(document.activeElement) ? (document.activeElement as HTMLElement) : undefined;
  const card = renderCard(c);
  old.replaceWith(card);
  if (!focused) return;
  const same = focused.dataset.k ? card.querySelector<HTMLElement>(`[data-k="${focused.dataset.k}"]`) : null;
  if (!same) card.tabIndex = -1;
  (same ?? card).focus();
}

/** Rewrites every comment's relative time ("방금" → "3분 전") from its own datetime. */
export function refreshTimes(): void {
  for (const time of document.querySelectorAll<HTMLTimeElement>(".m-meta time")) time.textContent = when(time.dateTime);
}
