/**
 * The list: pages of top-level comments with their replies, in the chosen order. The cards'
 * buttons do what `on` says (actions.ts).
 */
import { call, enc } from "./api";
import { keepMe, state, ui } from "./app";
import { countUnread } from "./bell";
import { renderCard, type CardHandlers } from "./comment";
import { h } from "./dom";
import { describe } from "./errors";
import { t } from "./i18n";
import type { Comment, CommentPage, Thread } from "./types";

const PAGE = 20;
const base = () => `/sites/${enc(state.config.site)}/articles/${enc(state.config.article)}/comments`;

/**
 * Page 1. The first load may come from the edge cache (a few seconds old); a reload after the
 * reader did something (logged in or out, deleted their account) asks for it as it is now.
 */
export const fetchFirstPage = (fresh = false) =>
  call<CommentPage>("GET", `${base()}?sort=${state.sort}&limit=${PAGE}`, undefined, fresh ? { headers: { "Cache-Control": "no-cache" } } : {});

/**
 * Shows page 1 (fetched ahead, or now) and redraws everything: pinned comments first, each
 * once (the 추천 view lists the featured ones only).
 */
export async function loadFirstPage(fetched?: CommentPage): Promise<void> {
  const page = fetched ?? (await fetchFirstPage(true));
  // `?? []`: an edge copy made by the previous version (at most 10 s old) has no pins.
  const pinned = state.sort === "featured" ? [] : (page.pinned ?? []);
  const ids = new Set(pinned.map((c) => c.id));
  state.article = page.article;
  state.threads = [...pinned, ...page.comments.filter((c) => !ids.has(c.id))];
  state.nextCursor = page.nextCursor;
  // A grant given or taken back since the login shows (or hides) the pin buttons now.
  if (state.me && page.viewer && page.viewer.moderates !== state.me.moderates) keepMe({ ...state.me, moderates: page.viewer.moderates });
  ui.all();
  // A signed-in reader's bell: counted once per session, after the comments are on screen.
  if (state.me) countUnread();
}

/** Appends the next page; comments already shown (say, just posted) are not repeated. */
export async function loadMore(button: HTMLButtonElement, on: CardHandlers): Promise<void> {
  if (!state.nextCursor) return;
  button.disabled = true;
  try {
    const page = await call<CommentPage>("GET", `${base()}?sort=${state.sort}&limit=${PAGE}&cursor=${enc(state.nextCursor)}`);
    const shown = new Set(state.threads.map((c) => c.id));
    const fresh = page.comments.filter((c) => !shown.has(c.id));
    state.threads.push(...fresh);
    state.nextCursor = page.nextCursor;
    document.getElementById("m-list")?.append(...fresh.map((th) => renderThread(th, on)));
    button.hidden = !page.nextCursor;
    fresh[0] && document.querySelector<HTMLElement>(`#card-${CSS.escape(fresh[0].id)} button`)?.focus();
  } catch (error) {
    ui.say(describe(error));
  }
  button.disabled = false;
}

async function loadReplies(thread: Thread, button: HTMLButtonElement, on: CardHandlers): Promise<void> {
  if (!thread.repliesCursor) return;
  button.disabled = true;
  try {
    const page = await call<CommentPage>("GET", `${base()}?parent=${enc(thread.id)}&limit=${PAGE}&cursor=${enc(thread.repliesCursor)}`);
    const shown = new Set(thread.replies.map((c) => c.id));
    const fresh = page.comments.filter((c) => !shown.has(c.id));
    thread.replies.push(...fresh);
    thread.repliesCursor = page.nextCursor;
    document.getElementById(`replies-${thread.id}`)?.append(...fresh.map((c) => renderReply(c, on)));
    button.hidden = !page.nextCursor;
  } catch (error) {
    ui.say(describe(error));
  }
  button.disabled = false;
}

const renderReply = (c: Comment, on: CardHandlers) => h("li", { class: "m-reply-item", id: `item-${c.id}` }, renderCard(c, on));

export function renderThread(thread: Thread, on: CardHandlers): HTMLLIElement {
  const more = h("button", { type: "button", class: "m-link m-more-replies", hidden: !thread.repliesCursor }, t("moreReplies"));
  more.addEventListener("click", () => loadReplies(thread, more, on));
  return h(
    "li",
    { class: "m-thread", id: `item-${thread.id}` },
    renderCard(thread, on),
    h("ol", { class: "m-replies", id: `replies-${thread.id}` }, ...thread.replies.map((c) => renderReply(c, on))),
    more,
    h("div", { class: "m-reply-slot", id: `slot-${thread.id}` }),
  );
}

/** Shows a comment the reader just posted: a reply under its thread, a comment on top. */
export function addComment(c: Comment, on: CardHandlers): void {
  if (c.status === "published" && state.article) state.article.commentCount++;
  const thread = c.parentId ? state.threads.find((th) => th.id === c.parentId) : undefined;
  if (thread) {
    thread.replies.push(c);
    thread.replyCount++;
    document.getElementById(`replies-${thread.id}`)?.append(renderReply(c, on));
    ui.card(thread.id);
  } else {
    const fresh: Thread = { ...c, replies: [], repliesCursor: null };
    state.threads.unshift(fresh);
    document.getElementById("m-list")?.prepend(renderThread(fresh, on));
    document.getElementById("m-empty")?.remove();
  }
  ui.count();
}

/**
 * Takes a deleted comment off the screen, as the API did: one with replies stays as a
 * placeholder; a placeholder parent whose last reply went goes too.
 */
export function removeComment(c: Comment): void {
  if (c.status === "published" && !c.deleted && state.article) state.article.commentCount = Math.max(0, state.article.commentCount - 1);
  const thread = state.threads.find((th) => th.id === c.id || th.replies.some((r) => r.id === c.id));
  if (thread && thread.id === c.id && thread.replies.length > 0) {
    Object.assign(c, { deleted: true, body: null, author: null, mine: false });
    ui.card(c.id);
  } else if (thread && thread.id === c.id) {
    state.threads = state.threads.filter((th) => th !== thread);
    document.getElementById(`item-${c.id}`)?.remove();
  } else if (thread) {
    thread.replies = thread.replies.filter((r) => r.id !== c.id);
    thread.replyCount = Math.max(0, thread.replyCount - 1);
    document.getElementById(`item-${c.id}`)?.remove();
    if (thread.deleted && thread.replies.length === 0) removeComment(thread);
    else ui.card(thread.id);
  }
  ui.count();
}
