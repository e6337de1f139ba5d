/**
 * The bell (알림) in the signed-in reader's bar: a button with the unread count. The first load
 * carries only this and one count request per session (none for visitors); the list itself
 * loads on demand (notifications.ts, through onDemand.ts).
 */
import { call, enc } from "./api";
import { onDemand, state, ui } from "./app";
import { h } from "./dom";
import { describe } from "./errors";
import { t } from "./i18n";
import { store } from "./store";

/** The session whose count was asked for: one request per session, not one per redraw. */
let countedFor: string | undefined;

/** Asks for the unread count once per session (a page of one notification: its `unread`). */
export function countUnread(): void {
  const session = store.session()?.session;
  if (!session || countedFor === session) return;
  countedFor = session;
  call<{ unread: number }>("GET", `/me/notifications?site=${enc(state.config.site)}&limit=1`).then(
    (r) => setUnread(r.unread),
    () => {},
  );
}

/**
 * Shows the unread count on the bell and, when it changed, says it in words to screen readers
 * (a polite live region kept off screen: no banner for sighted readers).
 */
export function setUnread(n: number): void {
  if (n === state.unread) return;
  state.unread = n;
  const badge = document.getElementById("m-unread");
  if (badge) {
    badge.textContent = String(n);
    badge.hidden = !n;
  }
  const said = document.getElementById("m-unread-said");
  if (said) said.textContent = t("unreadCount", { n });
}

/** The list loads on demand; `opener` (the bell) gets the focus back when it closes. */
const openList = (opener: HTMLElement) =>
  void onDemand().then(
    (m) => m.openNotifications(opener),
    (error) => ui.say(describe(error), "", true),
  );

export const bell = () =>
  h(
    "span",
    {},
    h(
      "button",
      {
        type: "button",
        class: "m-link",
        id: "m-bell",
        "aria-haspopup": "dialog",
        on: { click: (e) => openList(e.currentTarget as HTMLElement) },
      },
      t("bell"),
      h("span", { class: "m-tag m-mark", id: "m-unread", hidden: !state.unread }, String(state.unread)),
    ),
    h("span", { class: "m-sr", id: "m-unread-said", role: "status" }),
  );
