/**
 * "Select an account" for a reader who is not logged in: the site's own login (the host page
 * hands a token) and one button per social login the site offers (a popup on this origin).
 */
import { API, enc } from "./api";
import { signIn, state, ui } from "./app";
import { h } from "./dom";
import { t } from "./i18n";
import { popupLogin } from "./popup";
import { providerName } from "./providers";

async function logInWith(providerId: string): Promise<void> {
  const query = new URLSearchParams({ site: state.config.site, origin: state.config.origin });
  const result = await popupLogin(`${API}/auth/${enc(providerId)}/start?${query}`);
  if (result?.kind !== "login") return;
  signIn(result);
  await ui.reload();
  ui.focusComposer();
}

export function chooser(): HTMLElement {
  const social = state.providers.map((p) =>
    h("button", { type: "button", class: "m-btn", on: { click: () => logInWith(p.id) } }, t("siteLogin", { site: providerName(p.id) })),
  );
  // The site's own login needs the host page to answer; with nothing else to offer it stays, as before.
  const site =
    (state.siteLogin || !social.length) &&
    h("button", { type: "button", class: "m-btn m-primary m-login", on: { click: () => ui.askLogin() } }, t("siteLogin", { site: state.config.siteName }));
  return h("div", { class: "m-account m-choose" }, h("p", {}, t("chooseAccount")), site, ...social);
}
