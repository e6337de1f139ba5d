/**
 * Logging in: the admin token, or a site's SSO token exchanged for a session (typed in, or
 * handed over in the URL fragment). Either is checked against GET /moderation/sites before it
 * is kept, so a reader's account is refused with a clear message instead of empty queues.
 */
import { ApiFailure, call, failureText } from "./api";
import { clearCredentials, saveCredentials, type Credentials } from "./credentials";
import { errorLine, field, h } from "./dom";
import { t } from "./i18n";
import type { Caller } from "./types";

/** A login that did not work: why (for the code) and the words to say it (for the moderator). */
export class LoginRefused extends Error {
  constructor(
    readonly reason: "unreachable" | "not_moderator" | "bad_token" | "no_site",
    message: string,
  ) {
    super(message);
  }
}

/** Checks credentials (new or stored) against the API and keeps them when they moderate something. */
export async function verifyCredentials(credentials: Credentials): Promise<Caller> {
  try {
    const caller = await call<Caller>("GET", "/moderation/sites", undefined, credentials.token);
    saveCredentials(credentials);
    return caller;
  } catch (error) {
    if (!(error instanceof ApiFailure) || error.code === "network") throw new LoginRefused("unreachable", failureText(error));
    if (error.status === 403) {
      // A session that moderates nothing is of no use here: end it rather than leave it lying around.
      if (credentials.kind === "session") await call("POST", "/auth/logout", undefined, credentials.token).catch(() => undefined);
      throw new LoginRefused("not_moderator", t("notModerator"));
    }
    throw new LoginRefused("bad_token", credentials.kind === "admin" ? t("badAdminToken") : t("badToken"));
  }
}

export function loginWithAdminToken(token: string): Promise<Caller> {
  return verifyCredentials({ kind: "admin", token });
}

export async function loginWithSso(site: string, token: string): Promise<Caller> {
  let session: string;
  try {
    session = (await call<{ session: string }>("POST", "/auth/sso", { site, token }, "")).session;
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
  if (credentials?.kind === "session") await call("POST", "/auth/logout", undefined, credentials.token).catch(() => undefined);
}

/** The login screen; `onLoggedIn` gets the caller once a login is verified. */
export function showLogin(root: HTMLElement, onLoggedIn: (caller: Caller) => void, notice?: { error?: string; site?: string }): void {
  const error = errorLine();
  error.textContent = notice?.error ?? "";
  const site = h("input", { name: "site", autocomplete: "off", required: true, value: notice?.site ?? "", spellcheck: false });
  const sso = h("textarea", { name: "sso", rows: 3, required: true, spellcheck: false });
  const admin = h("input", { name: "admin", type: "password", autocomplete: "off", required: true });

  async function attempt(form: HTMLFormElement, login: () => Promise<Caller>) {
    const button = form.querySelector("button")!;
    button.disabled = true;
    error.textContent = "";
    try {
      onLoggedIn(await login());
    } catch (failure) {
      error.textContent = failure instanceof LoginRefused ? failure.message : failureText(failure);
      button.disabled = false;
    }
  }
  const form = (title: string, fields: HTMLElement[], login: () => Promise<Caller>) => {
    const f: HTMLFormElement = h("form", { class: "login-form" }, h("h2", {}, title), ...fields, h("button", { type: "submit", class: "btn primary" }, t("logIn")));
    f.addEventListener("submit", (event) => {
      event.preventDefault();
      void attempt(f, login);
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
        form(t("adminTitle"), [field(t("adminToken"), admin)], () => loginWithAdminToken(admin.value.trim())),
      ),
    ),
  );
  if (notice?.error) {
    error.tabIndex = -1;
    error.focus();
  } else site.focus();
}
