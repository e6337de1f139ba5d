/**
 * Logging in: the admin token, a site's SSO token exchanged for a session (typed in, or handed
 * over in the URL fragment), or a social login in a popup. Each is checked against GET
 * /moderation/sites before it is kept (verify.ts), so a reader's account is refused with a
 * clear message instead of empty queues.
 */
import { ApiFailure, call, failureText } from "./api";
import { clearCredentials, type Credentials } from "./credentials";
import { errorLine, field, h } from "./dom";
import { t } from "./i18n";
import { socialForm } from "./socialForm";
import type { Caller } from "./types";
import { LoginRefused, verifyCredentials } from "./verify";

function loginWithAdminToken(token: string): Promise<Caller> {
  return verifyCredentials({ kind: "admin", token });
}

export async function loginWithSso(site: string, token: string): Promise<Caller> {
  let session: string;
  try {
    session = (await call<{ session: string }>("POST", "/auth/sso", { site, token }, { token: "" })).session;
  } catch (error) {
    if (!(error instanceof ApiFailure) || error.code === "network") throw new LoginRefused("unreachable", failureText(error));
    if (error.code === "site_not_found") throw new LoginRefused("no_site", t("noSite", { site }));
    throw new LoginRefused("bad_token", t("badToken"));
  }
  return verifyCredentials({ kind: "session", token: session, site });
}

/** Ends the session (when there is one) and forgets the credentials. */
export async function logOut(credentials: Credentials | undefined): Promise<void> {
  clearCredentials();
  if (credentials?.kind === "session") await call("POST", "/auth/logout", undefined, { token: credentials.token }).catch(() => undefined);
}

/** The login screen; `onLoggedIn` gets the caller once a login is verified. */
export function showLogin(root: HTMLElement, onLoggedIn: (caller: Caller) => void, notice?: { error?: string; site?: string }): void {
  const error = errorLine();
  error.textContent = notice?.error ?? "";
  const site = h("input", { name: "site", autocomplete: "off", required: true, value: notice?.site ?? "", spellcheck: false });
  const sso = h("textarea", { name: "sso", rows: 3, required: true, spellcheck: false });
  const admin = h("input", { name: "admin", type: "password", autocomplete: "off", required: true });

  async function attempt(button: HTMLButtonElement, work: () => Promise<void>) {
    button.disabled = true;
    error.textContent = "";
    try {
      await work();
    } catch (failure) {
      error.textContent = failure instanceof LoginRefused ? failure.message : failureText(failure);
    }
    button.disabled = false;
  }
  const form = (title: string, fields: HTMLElement[], login: () => Promise<Caller>) => {
    const f: HTMLFormElement = h(
      "form",
      { class: "login-form" },
      h("h2", {}, title),
      ...fields,
      h("button", { type: "submit", class: "btn primary" }, t("logIn")),
    );
    f.addEventListener("submit", (event) => {
      event.preventDefault();
      void attempt(f.querySelector("button")!, async () => onLoggedIn(await login()));
    });
    return f;
  };
  root.replaceChildren(
    h(
      "main",
      { class: "login", id: "main" },
      h("h1", {}, t("loginTitle")),
      h("p", {}, t("loginIntro")),
      error,
      h(
        "div",
        { class: "login-forms" },
        form(t("ssoTitle"), [field(t("siteId"), site), field(t("ssoToken"), sso, t("ssoHint"))], () => loginWithSso(site.value.trim(), sso.value.trim())),
        socialForm(notice?.site ?? "", attempt, onLoggedIn),
        form(t("adminTitle"), [field(t("adminToken"), admin)], () => loginWithAdminToken(admin.value.trim())),
      ),
    ),
  );
  if (notice?.error) {
    error.tabIndex = -1;
    error.focus();
  } else site.focus();
}
