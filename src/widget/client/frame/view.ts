/** The frame's page: count and order, account, composer, list, "more". */
import { cardHandlers } from "./actions";
import { onDemand, state, ui } from "./app";
import { bell } from "./bell";
import { chooser } from "./chooser";
import { replaceCard } from "./comment";
import { h } from "./dom";
import { countLabel, t } from "./i18n";
import { addComment, loadFirstPage, loadMore, renderThread } from "./list";
import type { Sort } from "./types";
import { describe } from "./errors";

/** The account page loads on demand. */
const openAccountPage = (opener: HTMLElement) =>
  void onDemand().then(
    (m) => m.openAccount(opener),
    (error) => ui.say(describe(error), "", true),
  );

export interface ViewHooks {
  logout(): void;
  changeSort(sort: Sort): void;
}

/** The orders offered, 추천 (featured comments only) last. */
const sorts: Sort[] = ["newest", "oldest", "popular", "net", "ratio", "replies", "featured"];

/** Built once, so a draft survives a re-render (say, after logging in). */
let mainComposer: HTMLFormElement | undefined;

function header(hooks: ViewHooks): HTMLElement {
  const select = h(
    "select",
    { id: "m-sort", on: { change: (e) => hooks.changeSort((e.target as HTMLSelectElement).value as Sort) } },
    ...sorts.map((s) => h("option", { value: s, selected: s === state.sort }, t(s === "replies" ? "replies_sort" : s))),
  );
  return h(
    "header",
    { class: "m-head" },
    h("h2", { id: "m-title", tabIndex: -1 }, countLabel(state.article?.commentCount ?? 0)),
    h("label", { class: "m-sort", htmlFor: "m-sort" }, t("sort")),
    select,
  );
}

function account(hooks: ViewHooks): HTMLElement {
  if (!state.me) return chooser();
  // The reader's name with "log out" on the left, the bell and "My account" at the end of the line.
  return h(
    "div",
    { class: "m-bar" },
    h(
      "div",
      { class: "m-account" },
      h("span", {}, t("loggedInAs", { name: state.me.name })),
      h("button", { type: "button", class: "m-link", on: { click: hooks.logout } }, t("logout")),
    ),
    bell(),
    h(
      "button",
      {
        type: "button",
        class: "m-link",
        id: "m-account-toggle",
        "aria-haspopup": "dialog",
        on: { click: (e) => openAccountPage(e.currentTarget as HTMLElement) },
      },
      t("myAccount"),
    ),
  );
}

/** Whether the reader's text box should take the focus once it has loaded. */
let focusWhenLoaded = false;

const focusComposer = () => document.querySelector<HTMLElement>(".m-composer textarea")?.focus();

function writeArea(): HTMLElement | false {
  if (state.article && !state.article.open) return h("p", { class: "m-closed" }, t("closed"));
  if (!state.me) return false;
  if (mainComposer) return mainComposer;
  // The text box loads on demand: its place is kept (no jump) until it is there.
  const slot = h("div", { class: "m-compose-slot" });
  void onDemand().then(
    ({ composer }) => {
      mainComposer ??= composer({ label: t("write"), onDone: (c) => addComment(c, cardHandlers) });
      if (!slot.isConnected) return;
      slot.replaceWith(mainComposer);
      if (focusWhenLoaded) focusComposer();
      focusWhenLoaded = false;
    },
    (error) => ui.say(describe(error), "", true),
  );
  return slot;
}

function renderAll(root: HTMLElement, hooks: ViewHooks): void {
  const more = h("button", { type: "button", class: "m-btn m-more", hidden: !state.nextCursor }, t("more"));
  more.addEventListener("click", () => loadMore(more, cardHandlers));
  root.replaceChildren(
    header(hooks),
    account(hooks),
    writeArea() || "",
    h("ol", { class: "m-list", id: "m-list" }, ...state.threads.map((th) => renderThread(th, cardHandlers))),
    state.threads.length === 0 ? h("p", { class: "m-empty", id: "m-empty" }, t("empty")) : "",
    more,
  );
}

/** A failed first load: say so, with a way to try again. */
export function renderLoadError(root: HTMLElement, message: string): void {
  const retry = h("button", { type: "button", class: "m-btn", on: { click: () => loadFirstPage().catch(() => {}) } }, t("retry"));
  root.replaceChildren(h("p", { class: "m-error", role: "alert" }, message), retry);
}

export function wireUi(root: HTMLElement, live: HTMLElement, hooks: ViewHooks): void {
  ui.all = () => renderAll(root, hooks);
  ui.focusComposer = () => {
    if (mainComposer?.isConnected) focusComposer();
    else focusWhenLoaded = true;
  };
  ui.count = () => {
    const title = document.getElementById("m-title");
    if (title) title.textContent = countLabel(state.article?.commentCount ?? 0);
  };
  ui.card = (id) => {
    for (const th of state.threads) for (const c of [th, ...th.replies]) if (c.id === id) replaceCard(c, cardHandlers);
  };
  ui.say = (text, id, alert) => {
    // Next to the comment concerned when there is one (an alert is announced as it appears),
    // else in the live region on top. Cleared first so the same message twice is heard twice.
    const card = id && document.getElementById(`card-${id}`);
    if (card) {
      card.querySelector(".m-note")?.remove();
      card.append(h("p", { class: "m-note", role: "alert" }, text));
      return;
    }
    live.textContent = "";
    live.setAttribute("role", alert ? "alert" : "status");
    setTimeout(() => (live.textContent = text), 50);
  };
}
