/**
 * The notification list (알림), a dialog opened from the bell and loaded on demand: what
 * happened in the reader's words, unread ones marked, "모두 읽음", "더 보기" pages, and the e-mail
 * opt-in when the site offers it. Choosing a notification marks it read and, when its comment is
 * on this article, closes the list and brings the comment into view (paging to it if need be).
 */
import { ApiFailure, call, enc } from "./api";
import { state, ui } from "./app";
import { setUnread } from "./bell";
import { closeDialogOf, openDialog } from "./dialog";
import { h, when } from "./dom";
import { describe } from "./errors";
import { fill, t } from "./i18n";
import { pagedList } from "./pagedList";
import { panelWords } from "./panelWords";
import type { Notification, NotificationPage } from "./types";

const w = (key: keyof typeof panelWords, values?: Record<string, string | number>) => fill(panelWords[key], values);

/** What happened, by type: who replied, approved, rejected (with the moderator's reason), a 공감 milestone. */
function headline(n: Notification): string {
  if (n.type === "reply") return w("n_reply", { name: n.actor?.name ?? "" });
  if (n.type === "rejected") return n.reason ? w("n_rejectedWhy", { reason: n.reason }) : w("n_rejected");
  if (n.type === "reactions") return w("n_reactions", { n: n.milestone ?? 0 });
  return w("n_approved");
}

/** Scrolls to the comment and marks it for a moment; false when it is not on this page. */
function showComment(id: string): boolean {
  const card = document.getElementById(`card-${id}`);
  if (!card) return false;
  card.classList.add("m-hl");
  card.tabIndex = -1;
  card.scrollIntoView({ block: "center" });
  card.focus();
  setTimeout(() => card.classList.remove("m-hl"), 3000);
  return true;
}

async function choose(n: Notification, item: HTMLButtonElement): Promise<void> {
  if (!n.read) {
    const { unread } = await call<{ unread: number }>("POST", "/me/notifications/read", { ids: [n.id] });
    n.read = true;
    item.classList.remove("m-new");
    item.querySelector(".m-new-mark")?.remove();
    setUnread(unread);
  }
  if (n.articleId !== state.config.article) return ui.say(w("elsewhere"));
  closeDialogOf(item);
  // After the dialog gave the focus back to the bell: the comment takes it. One newer than the
  // page on screen (a reply, say) appears once page 1 is fetched as it is now.
  setTimeout(async () => {
    if (showComment(n.commentId)) return;
    await ui.reload();
    (await pageTo(n)) || ui.say(w("notShown"));
  });
}

/**
 * Pages on as the reader would, until the comment is shown: "more comments" until its thread
 * is on screen, then that thread's "more replies". Ten pages at most.
 */
async function pageTo(n: Notification): Promise<boolean> {
  for (let pages = 0; !showComment(n.commentId); pages++) {
    const thread = document.getElementById(`item-${n.threadId}`);
    const more = (thread ?? document).querySelector<HTMLButtonElement>(thread ? ".m-more-replies" : ".m-more");
    if (pages === 10 || !more || more.hidden) return false;
    more.click();
    while (more.disabled) await new Promise((done) => setTimeout(done, 50));
  }
  return true;
}

function renderItem(n: Notification): HTMLLIElement {
  const item = h(
    "button",
    { type: "button", class: `m-btn m-alert${n.read ? "" : " m-new"}` },
    !n.read && h("span", { class: "m-tag m-mark m-new-mark" }, w("unread")),
    h("strong", {}, headline(n)),
    n.excerpt && h("span", { class: "m-excerpt" }, `“${n.excerpt}”`),
    h("time", { dateTime: n.createdAt }, when(n.createdAt)),
  );
  item.addEventListener("click", () => choose(n, item).catch((error) => ui.say(describe(error), "", true)));
  return h("li", {}, item);
}

/** The e-mail opt-in, with why it is unavailable (no address the site verified; e-mail off). */
function emailToggle(): HTMLElement {
  const box = h("input", { type: "checkbox", id: "m-email", disabled: true, "aria-describedby": "m-email-why" });
  const why = h("p", { class: "m-note", id: "m-email-why", role: "status" });
  const explain = (error: unknown) =>
    (why.textContent =
      error instanceof ApiFailure && error.code === "email_not_verified"
        ? w("emailNotVerified")
        : error instanceof ApiFailure && error.code === "email_not_enabled"
          ? w("emailNotEnabled")
          : describe(error));
  call<{ email: boolean; siteEnabled: boolean; emailVerified: boolean }>("GET", "/me/notification-settings").then((s) => {
    box.checked = s.email;
    box.disabled = !s.siteEnabled || (!s.emailVerified && !s.email);
    if (!s.siteEnabled) why.textContent = w("emailNotEnabled");
    else if (!s.emailVerified) why.textContent = w("emailNotVerified");
  }, explain);
  box.addEventListener("change", () => {
    const wanted = box.checked;
    call("PUT", "/me/notification-settings", { email: wanted }).then(
      () => (why.textContent = w("emailSaved")),
      (error) => {
        box.checked = !wanted;
        explain(error);
      },
    );
  });
  return h("div", { class: "m-choice" }, box, h("label", { htmlFor: "m-email" }, w("email")), why);
}

export async function openNotifications(opener: HTMLElement): Promise<void> {
  const path = `/me/notifications?site=${enc(state.config.site)}`;
  const first = await call<NotificationPage>("GET", path);
  setUnread(first.unread);
  const list = h("ol", { class: "m-alerts", "aria-label": t("bell") });
  const more = pagedList(
    list,
    first,
    {
      entries: (page) => page.notifications.map(renderItem),
      cursor: (page) => page.nextCursor,
      next: (cursor) => call<NotificationPage>("GET", `${path}&cursor=${enc(cursor)}`),
      focus: (entry) => entry.querySelector("button")?.focus(),
    },
    w("more"),
  );
  const markAll = h("button", { type: "button", class: "m-btn", "data-autofocus": true }, w("markAll"));
  markAll.addEventListener("click", async () => {
    try {
      setUnread((await call<{ unread: number }>("POST", "/me/notifications/read", {})).unread);
      for (const item of list.querySelectorAll(".m-new")) item.classList.remove("m-new");
      for (const mark of list.querySelectorAll(".m-new-mark")) mark.remove();
    } catch (error) {
      ui.say(describe(error), "", true);
    }
  });
  await openDialog(opener, {
    title: t("bell"),
    body: [
      h("div", { class: "m-links" }, markAll),
      first.notifications.length ? list : h("p", { class: "m-empty" }, w("empty")),
      more,
      state.config.email && emailToggle(),
    ],
    cancel: w("close"),
  });
}
