/**
 * The social login form: a site id, then one button per social login that site offers. Each
 * button opens the popup in its own click handler, before anything is awaited, or the browser
 * would block it.
 */
import { field, h } from "./dom";
import { t } from "./i18n";
import { loadProviders, loginWithPopup, openLoginPopup, providerName } from "./socialLogin";
import type { Caller, Provider } from "./types";
import { LoginRefused } from "./verify";

/** Runs `work` with `button` disabled; a failure is said in the login screen's error line. */
export type Attempt = (button: HTMLButtonElement, work: () => Promise<void>) => Promise<void>;

export function socialForm(initialSite: string, attempt: Attempt, onLoggedIn: (caller: Caller) => void): HTMLFormElement {
  const site = h("input", { name: "site", autocomplete: "off", required: true, value: initialSite, spellcheck: false });
  const show = h("button", { type: "submit", class: "btn" }, t("socialShow"));
  const choices = h("div", { class: "providers" });

  const choice = (siteId: string, provider: Provider) => {
    const button: HTMLButtonElement = h("button", { type: "button", class: "btn primary" }, t("socialWith", { provider: providerName(provider) }));
    button.addEventListener("click", () => {
      const popup = openLoginPopup(siteId, provider.id);
      void attempt(button, async () => onLoggedIn(await loginWithPopup(popup, siteId)));
    });
    return button;
  };

  const form: HTMLFormElement = h("form", { class: "login-form" }, h("h2", {}, t("socialTitle")), field(t("siteId"), site, t("socialHint")), show, choices);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    choices.replaceChildren();
    const siteId = site.value.trim();
    void attempt(show, async () => {
      const providers = await loadProviders(siteId);
      if (!providers.length) throw new LoginRefused("social_failed", t("noSocial", { site: siteId }));
      choices.replaceChildren(...providers.map((p) => choice(siteId, p)));
      choices.querySelector("button")?.focus();
    });
  });
  return form;
}
