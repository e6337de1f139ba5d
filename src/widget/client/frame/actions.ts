/**
 * What a reader does to a comment: react, reply, edit, delete, report, ignore its author, fold —
 * `cardHandlers`, which the list hands to every card it renders.
 */
import { call, enc } from "./api";
import { locate, loggedIn, onDemand, state, ui } from "./app";
import type { CardHandlers } from "./comment";
import { describe } from "./errors";
import { t } from "./i18n";
import { addComment } from "./list";
import { store } from "./store";
import type { Comment, ReactionResult } from "./types";

/** Like or dislike; the same button again takes the reaction back. */
async function react(c: Comment, value: "like" | "dislike"): Promise<void> {
  if (!loggedIn(c.id)) return;
  try {
    const next = c.myReaction === value ? null : value;
    const res = await call<ReactionResult>("PUT", `/comments/${enc(c.id)}/reaction`, { value: next });
    Object.assign(c, { myReaction: res.value, likes: res.likes, dislikes: res.dislikes });
    ui.card(c.id);
  } catch (error) {
    ui.say(describe(error), c.id);
  }
}

/** Opens (or focuses) the reply box under the comment's thread; replies join the top-level thread. */
async function startReply(c: Comment): Promise<void> {
  if (!loggedIn(c.id)) return;
  const thread = locate(c.id)?.thread;
  const slot = thread && document.getElementById(`slot-${thread.id}`);
  if (!thread || !slot) return;
  const opener = document.activeElement as HTMLElement | null;
  const { composer } = await onDemand();
  const close = () => {
    slot.replaceChildren();
    opener?.isConnected && opener.focus();
  };
  const form = composer({
    label: t("writeReply", { name: c.author?.name ?? "" }),
    parentId: thread.id,
    onCancel: close,
    onDone(reply) {
      addComment(reply, cardHandlers);
      if (reply.status === "pending") return; // keep the "awaiting review" notice in view
      slot.replaceChildren();
      document.querySelector<HTMLElement>(`#card-${CSS.escape(reply.id)} button`)?.focus();
    },
  });
  slot.replaceChildren(form);
  form.querySelector("textarea")?.focus();
}

/** Swaps the text for an edit box until saved or cancelled. */
async function startEdit(c: Comment): Promise<void> {
  const { composer } = await onDemand();
  const card = document.getElementById(`card-${c.id}`);
  const body = card?.querySelector(".m-body");
  if (!card || !body || !c.body) return;
  const done = () => {
    ui.card(c.id);
    document.querySelector<HTMLElement>(`#card-${CSS.escape(c.id)} [data-k="edit"], #card-${CSS.escape(c.id)} button`)?.focus();
  };
  const form = composer({
    label: t("editLabel"),
    editing: c,
    initial: c.body,
    submitLabel: t("save"),
    onCancel: done,
    onDone(updated) {
      Object.assign(c, { body: updated.body, editedAt: updated.editedAt, status: updated.status });
      done();
    },
  });
  body.replaceWith(form);
  card.querySelector(".m-actions")?.remove();
  form.querySelector("textarea")?.focus();
}

/** Folds the comment for this reader (접기), or takes their fold back; the card shows it at once. */
async function toggleFold(c: Comment): Promise<void> {
  if (!loggedIn(c.id)) return;
  try {
    const res = await call<{ folded: boolean }>(c.folded ? "DELETE" : "PUT", `/comments/${enc(c.id)}/fold`);
    c.folded = res.folded;
    if (res.folded) state.unfolded.delete(c.id);
    ui.card(c.id);
  } catch (error) {
    ui.say(describe(error), c.id);
  }
}

/** A moderator pins (고정) or features (추천) the comment, or takes it back; the card shows it at once. */
async function highlight(c: Comment, kind: "pin" | "feature"): Promise<void> {
  const on = kind === "pin" ? c.pinned : c.featured;
  try {
    const res = await call<{ comment: Pick<Comment, "pinned" | "featured"> }>(on ? "DELETE" : "POST", `/moderation/comments/${enc(c.id)}/${kind}`);
    Object.assign(c, { pinned: res.comment.pinned, featured: res.comment.featured });
    ui.card(c.id);
  } catch (error) {
    ui.say(describe(error), c.id);
  }
}

/** Shows a folded comment's text on this page (펼치기). */
function openFolded(c: Comment): void {
  state.unfolded.add(c.id);
  ui.card(c.id);
}

function redrawAuthor(authorId: string): void {
  for (const th of state.threads) for (const c of [th, ...th.replies]) if (c.author?.id === authorId) ui.card(c.id);
}

/** Hides the author's comments for this reader only (kept in the frame's storage). */
function ignore(c: Comment): void {
  if (!c.author) return;
  store.setIgnored([...store.ignored().filter((u) => u.id !== c.author!.id), { id: c.author.id, name: c.author.name }]);
  redrawAuthor(c.author.id);
  document.querySelector<HTMLElement>(`#card-${CSS.escape(c.id)} button`)?.focus();
}

function unignore(authorId: string): void {
  store.setIgnored(store.ignored().filter((u) => u.id !== authorId));
  redrawAuthor(authorId);
}

/** The card's buttons (comment.ts), as list.ts and view.ts render cards. */
export const cardHandlers: CardHandlers = {
  react,
  reply: (c) => void startReply(c).catch((error) => ui.say(describe(error), c.id)),
  edit: (c) => void startEdit(c).catch((error) => ui.say(describe(error), c.id)),
  delete: (c, opener) =>
    void onDemand().then(
      (m) => m.askDelete(c, opener),
      (error) => ui.say(describe(error), c.id),
    ),
  report: (c, opener) =>
    void onDemand().then(
      (m) => m.askReport(c, opener),
      (error) => ui.say(describe(error), c.id),
    ),
  history: (authorId, opener) =>
    void onDemand().then(
      (m) => m.openHistory(authorId, opener),
      (error) => ui.say(describe(error), "", true),
    ),
  ignore,
  unignore,
  fold: toggleFold,
  openFolded,
  highlight,
};
