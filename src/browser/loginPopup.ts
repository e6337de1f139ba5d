/**
 * Waiting for the social login popup's answer, shared by the reader widget and the moderator
 * dashboard. The callback page (src/auth/social/popupPage.ts) posts to its opener with this
 * service's origin as target; only a message from this origin, from the very window opened,
 * with the login type is taken — any other window could post to us too.
 */
import type { LoginMessage } from "../auth/social/popupPage";

/** What a popup closed without finishing answers. */
export const POPUP_CLOSED = { ok: false, error: { code: "popup_closed" } } as const;

/** How long a message already on its way may take once the popup is seen closed. */
const GRACE_MS = 600;

/**
 * Resolves with the popup's message (a session, an identity to link, or why not), or `POPUP_CLOSED`.
 *
 * @example
 * const message = await loginMessageFrom(popup);
 */
export function loginMessageFrom(popup: Window): Promise<LoginMessage | typeof POPUP_CLOSED> {
  return new Promise((resolve) => {
    const finish = (message: LoginMessage | typeof POPUP_CLOSED) => {
      removeEventListener("message", onMessage);
      clearInterval(watch);
      resolve(message);
    };
    const onMessage = (event: MessageEvent) => {
      if (event.origin === location.origin && event.source === popup && event.data?.type === "marginalia:login") finish(event.data as LoginMessage);
    };
    addEventListener("message", onMessage);
    const watch = setInterval(() => {
      if (!popup.closed) return;
      clearInterval(watch);
      setTimeout(finish, GRACE_MS, POPUP_CLOSED);
    }, 400);
  });
}
