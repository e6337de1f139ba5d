/** The frame's state: configuration, reader, and the comments on screen. */
import { t } from "./i18n";
import { store } from "./store";
import type { Article, Comment, FrameConfig, Me, Provider, Session, Sort, Thread } from "./types";

export const state = {
  config: {} as FrameConfig,
  me: null as Me | null,
  article: null as Article | null,
  sort: "newest" as Sort,
  threads: [] as Thread[],
  nextCursor: null as string | null,
  /** Folded comments the reader opened (펼치기) on this page. */
  unfolded: new Set<string>(),
  /** The host page's URL and title, sent with the first comment so the article gets them. */
  page: { url: "", title: "" },
  /** Social logins the site offers. */
  providers: [] as Provider[],
  /** Whether the host page can log readers in with the site's own account (it has a login callback). */
  siteLogin: true,
  /** The reader's unread notifications (알림), once counted. */
  unread: 0,
};

/** Screen updates the modules ask for; main.ts wires them to the view. */
export const ui = {
  /** Re-renders one comment's card (keeping focus on the same control). */
  card(_id: string): void {},
  /** Updates the comment count in the header. */
  count(): void {},
  /** Re-renders the header, account area, composer and list. */
  all(): void {},
  /** Announces a result or an error (in the live region, or next to comment `id`); `alert` for what went wrong. */
  say(_text: string, _id?: string, _alert?: boolean): void {},
  /** Asks the host page for an SSO token (the reader clicked "log in"). */
  askLogin(): void {},
  /** Fetches page 1 again and redraws (after logging in or out). */
  async reload(): Promise<void> {},
  /** Forgets a session the server already ended (logged out everywhere, account deleted), tells the host, redraws. */
  async ended(): Promise<void> {},
  /** Puts the focus in the main text box, as soon as it is there (it loads on demand). */
  focusComposer(): void {},
};

/**
 * What loads only when needed (onDemand.ts): the text boxes (a reader who never logs in never
 * downloads them), dialogs and the account page, in one chunk. A frame opened before a deploy
 * asks for its build's chunk, which is gone: it opens itself again once, fresh (a new URL, so
 * not the cached page), on the new build.
 */
export const onDemand = () =>
  import("./onDemand").catch((error: unknown) => {
    if (!location.search.includes("&fresh")) location.replace(`${location.href}&fresh`);
    throw error;
  });

/** A comment on screen with the thread it belongs to (itself when top-level). */
export function locate(id: string): { comment: Comment; thread: Thread } | undefined {
  for (const thread of state.threads) {
    if (thread.id === id) return { comment: thread, thread };
    const reply = thread.replies.find((r) => r.id === id);
    if (reply) return { comment: reply, thread };
  }
  return undefined;
}

/** True when the reader is logged in; otherwise asks the host for a login and says why. */
export function loggedIn(nearId?: string): boolean {
  if (state.me) return true;
  ui.say(t("needLogin"), nearId);
  ui.askLogin();
  return false;
}

/** The reader's account as the API now describes it, here and in the kept session (other widgets of the page read it). */
export function keepMe(user: Me): void {
  const session = store.session();
  if (session) store.setSession({ ...session, user });
  state.me = user;
}

/** Keeps a new session (SSO or social login) and makes its user the reader. */
export function signIn(res: Session, sub = ""): void {
  store.setSession({ session: res.session, user: res.user, sub, expiresAt: res.expiresAt });
  state.me = res.user;
}
