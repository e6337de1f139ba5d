/**
 * An author's public comment history (댓글 이력), a dialog opened from their name and loaded
 * on demand: name, badges, comment count, 공감 received, join date, and their published comments
 * newest first, each under its article's title (a link only when the URL is http(s)), with
 * "더 보기" pages. A site that turned `publicHistory` off shows names as plain text (the frame's
 * config says so); if it was turned off since the page loaded, the reader is told.
 */
import { safeHref } from "../../../browser/safeHref";
import { ApiFailure, call, enc } from "./api";
import { state, ui } from "./app";
import { openDialog } from "./dialog";
import { h, richText, when } from "./dom";
import { describe } from "./errors";
import { fill, lang, t } from "./i18n";
import { pagedList } from "./pagedList";
import { panelWords } from "./panelWords";
import type { HistoryPage } from "./types";

const w = (key: keyof typeof panelWords, values?: Record<string, string | number>) => fill(panelWords[key], values);

function renderEntry(c: HistoryPage["comments"][number]): HTMLLIElement {
  const title = c.article.title || w("untitled");
  const href = safeHref(c.article.url);
  return h(
    "li",
    { class: "m-history-item" },
    h(
      "p",
      { class: "m-meta" },
      href ? h("a", { href, target: "_blank", rel: "noopener noreferrer" }, title) : h("span", {}, title),
      h("time", { dateTime: c.createdAt }, when(c.createdAt)),
    ),
    h("p", { class: "m-body" }, ...richText(c.body ?? "")),
  );
}

export async function openHistory(userId: string, opener: HTMLElement): Promise<void> {
  const path = `/sites/${enc(state.config.site)}/users/${enc(userId)}/comments`;
  let first: HistoryPage;
  try {
    first = await call<HistoryPage>("GET", path);
  } catch (error) {
    return ui.say(error instanceof ApiFailure && error.code === "history_disabled" ? w("historyOff") : describe(error), "", true);
  }
  const { user } = first;
  const list = h("ol", { class: "m-history", "aria-label": w("historyOf", { name: user.name }) });
  const more = pagedList(
    list,
    first,
    {
      entries: (page) => page.comments.map(renderEntry),
      cursor: (page) => page.nextCursor,
      next: (cursor) => call<HistoryPage>("GET", `${path}?cursor=${enc(cursor)}`),
      focus: (entry) => {
        entry.tabIndex = -1;
        entry.focus();
      },
    },
    w("more"),
  );
  const joined = new Date(user.joinedAt).toLocaleDateString(lang);
  await openDialog(opener, {
    title: w("historyOf", { name: user.name }),
    body: [
      user.badges.length > 0 && h("p", { class: "m-badges", "aria-label": t("badges") }, ...user.badges.map((b) => h("span", { class: "m-tag" }, b))),
      h("p", { class: "m-stats" }, w("stats", { comments: user.commentCount, likes: user.likesReceived, joined })),
      first.comments.length ? list : h("p", { class: "m-empty" }, w("noComments")),
      more,
    ],
    cancel: w("close"),
  });
}
