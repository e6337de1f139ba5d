/**
 * The social login popup. The frame opens it itself, so its `opener` is this frame on the
 * service's origin, and the callback page posts the result to that opener with the service's
 * origin as target: the host page never receives it. Only messages from this origin and from
 * the very window opened here are taken.
 */
import type { LoginMessage } from "../../../auth/social/popupPage";
import { loginMessageFrom } from "../../../browser/loginPopup";
import { ui } from "./app";
import { describe } from "./errors";
import { loginLabel } from "./i18n";

/** What the callback page posts when it worked (src/auth/social/popupPage.ts): a session, or a verified identity to link. */
type Success = Extract<LoginMessage, { ok: true }>;

/**
 * Logs in (or links) through the popup; resolves with its success, or says why not (a closed
 * window, being the reader's choice, gently; anything else as an alert). Call it from the click
 * handler itself, or the browser blocks the popup: it opens blank at once and goes to `url`
 * when that is known (a link URL is fetched first).
 *
 * @example
 * const result = await popupLogin(`/api/v1/auth/kakao/start?${query}`);
 */
export async function popupLogin(url: string | Promise<string>): Promise<Success | undefined> {
  const popup = open("about:blank", "marginalia-login", "popup,width=480,height=640");
  if (!popup) return void ui.say(loginLabel("popup_blocked"), "", true);
  try {
    popup.location.href = await url;
  } catch (error) {
    popup.close();
    return void ui.say(describe(error), "", true);
  }
  popup.focus();
  const result = await loginMessageFrom(popup);
  if (result.ok) return result;
  ui.say(loginLabel(result.error.code), "", result.error.code !== "popup_closed");
}
