/**
 * One comment's card: author, time, text, status and the actions the reader may take. What the
 * buttons do is passed in (`CardHandlers`, from actions.ts), so cards do not depend on it.
 */
import { state } from "./app";
import { h, richText, when } from "./dom";
import { t } from "./i18n";
import { store } from "./store";
import type { Comment } from "./types";

/** What a card's buttons do; `opener` is the button, for a dialog to give the focus back to. */
export interface CardHandlers {
  react(c: Comment, value: "like" | "dislike"): void;
  reply(c: Comment): void;
  edit(c: Comment): void;
  delete(c: Comment, opener: HTMLElement): void;
  report(c: Comment, opener: HTMLElement): void;
  ignore(c: Comment): void;
  unignore(authorId: string): void;
  /** Folds (or unfolds) the comment for the reader. */
  fold(c: Comment): void;
  /** Shows a folded comment's text (펼치기). */
  openFolded(c: Comment): void;
  /** Opens the author's comment history (댓글 이력); `opener` gets the focus back. */
  history(authorId: string, opener: HTMLElement): void;
  /** A moderator pins or features the comment (or takes it back). */
  highlight(c: Comment, kind: "pin" | "feature"): void;
}

const button = (key: string, label: string, onClick: (e: Event) => void, extra: Record<string, unknown> = {}) =>
  h("button", { type: "button", class: `m-act m-${key}`, "data-k": key, on: { click: onClick }, ...extra }, label);

/** Whether the author may still edit: the site's window, by the reader's clock. */
const editable = (c: Comment) => c.mine && Date.now() - Date.parse(c.createdAt) < state.config.editWindowSeconds * 1000;

function placeholder(c: Comment, text: string, action?: HTMLElement): HTMLElement {
  return h("div", { class: "m-card m-placeholder", id: `card-${c.id}` }, h("p", {}, text), action);
}

function reactions(c: Comment, on: CardHandlers): HTMLElement {
  // Readers cannot react to their own comments: the counts are shown as text.
  if (c.mine) return h("span", { class: "m-reactions m-counts" }, `${t("like")} ${c.likes} · ${t("dislike")} ${c.dislikes}`);
  const pressed = (value: string) => (c.myReaction === value ? "true" : "false");
  return h(
    "span",
    { class: "m-reactions" },
    button("like", `${t("like")} ${c.likes}`, () => on.react(c, "like"), { "aria-pressed": pressed("like") }),
    button("dislike", `${t("dislike")} ${c.dislikes}`, () => on.react(c, "dislike"), { "aria-pressed": pressed("dislike") }),
  );
}

function actions(c: Comment, on: CardHandlers): HTMLElement {
  const own = c.mine
    ? [editable(c) && button("edit", t("edit"), () => on.edit(c)), button("delete", t("delete"), (e) => on.delete(c, e.currentTarget as HTMLElement))]
    : [
        button("fold", c.folded ? t("unfold") : t("fold"), () => on.fold(c), { "aria-pressed": String(c.folded) }),
        button("report", t("report"), (e) => on.report(c, e.currentTarget as HTMLElement)),
        button("ignore", t("ignore"), () => on.ignore(c)),
      ];
  // A moderator (by the site's SSO role or an admin's grant) pins and features published top-level
  // comments here. A session kept from before `moderates` was sent has only its role.
  const moderator = state.me ? (state.me.moderates ?? state.me.role === "moderator") : false;
  const moderates = moderator && c.parentId === null && c.status === "published";
  const marks = moderates
    ? [
        button("pin", c.pinned ? t("unpin") : t("pin"), () => on.highlight(c, "pin"), { "aria-pressed": String(c.pinned) }),
        button("feature", c.featured ? t("unfeature") : t("feature"), () => on.highlight(c, "feature"), { "aria-pressed": String(c.featured) }),
      ]
    : [];
  return h(
    "div",
    { class: "m-actions" },
    reactions(c, on),
    button("reply", c.parentId === null && c.replyCount > 0 ? t("replies", { n: c.replyCount }) : t("reply"), () => on.reply(c)),
    h("span", { class: "m-more-actions" }, ...own, ...marks),
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
export function renderCard(c: Comment, on: CardHandlers): HTMLElement {
  if (c.deleted || !c.author || c.body === null) return placeholder(c, t("deleted"));
  if (!c.mine && store.reported().includes(c.id)) return placeholder(c, t("reported"));
  const author = c.author;
  if (!c.mine && store.ignored().some((u) => u.id === author.id)) {
    return placeholder(
      c,
      t("ignored"),
      button("unignore", t("unignore"), () => on.unignore(author.id)),
    );
  }
  if (c.folded && !state.unfolded.has(c.id)) {
    return placeholder(
      c,
      t("folded"),
      button("open", t("unfoldView"), () => on.openFolded(c), { "aria-expanded": "false" }),
    );
  }
  const nameId = `name-${c.id}`;
  // 고정됨 and 추천 as words beside the name, so a screen reader says them with it.
  const tags = [c.pinned && t("pinned"), c.featured && t("featured")].filter((x): x is string => !!x);
  return h(
    "article",
    {
      class: `m-card${c.status === "pending" ? " m-pending" : ""}${c.mine ? " m-mine" : ""}${c.pinned ? " m-pinned" : ""}`,
      id: `card-${c.id}`,
      "aria-labelledby": nameId,
    },
    h(
      "header",
      { class: "m-meta" },
      avatar(c),
      // With the site's public history on, the name opens the author's 댓글 이력 (on demand).
      state.config.history
        ? h(
            "button",
            {
              type: "button",
              class: "m-author",
              id: nameId,
              "data-k": "author",
              "aria-haspopup": "dialog",
              on: { click: (e) => on.history(author.id, e.currentTarget as HTMLElement) },
            },
            author.name,
          )
        : h("strong", { class: "m-author", id: nameId }, author.name),
      // `?.`: an edge copy made by the previous version (at most 10 s old) has no badges.
      author.badges?.length > 0 && h("span", { class: "m-badges", "aria-label": t("badges") }, ...author.badges.map((b) => h("span", { class: "m-tag" }, b))),
      ...tags.map((tag) => h("span", { class: "m-tag m-mark" }, tag)),
      h("time", { dateTime: c.createdAt, title: new Date(c.createdAt).toLocaleString() }, when(c.createdAt)),
      c.editedAt && h("span", { class: "m-edited" }, t("edited")),
    ),
    c.status === "pending" && h("p", { class: "m-badge" }, t("pending")),
    h("p", { class: "m-body" }, ...richText(c.body)),
    actions(c, on),
  );
}

/** Replaces a card in place, keeping keyboard focus on the same control. */
export function replaceCard(c: Comment, on: CardHandlers): void {
  const old = document.getElementById(`card-${c.id}`);
  if (!old) return;
  const focused = old.contains(document.activeElement) ? (document.activeElement as HTMLElement) : undefined;
  const card = renderCard(c, on);
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
