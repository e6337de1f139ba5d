/**
 * Logging in with a social account (Kakao, Naver, …), as the reader widget does
 * (src/widget/client/frame/popup.ts): a popup on this origin goes to the provider, and the
 * callback page posts the session back to its opener with this origin as the only target. The
 * session is then checked like any other: a reader who moderates nothing is refused.
 */
import { loginMessageFrom } from "../../browser/loginPopup";
import { providerName as brandName } from "../../browser/providerName";
import { API, ApiFailure, call, enc, failureText } from "./api";
import { label, lang, t } from "./i18n";
import type { Caller, Provider } from "./types";
import { LoginRefused, verifyCredentials } from "./verify";

export const providerName = (p: Provider) => brandName(p.id, p.label, lang);

/** The social logins `site` offers (a public list: no credentials are sent). */
export async function loadProviders(site: string): Promise<Provider[]> {
  try {
    return (await call<{ providers: Provider[] }>("GET", `/sites/${enc(site)}/login-providers`, undefined, { token: "" })).providers;
  } catch (error) {
    if (error instanceof ApiFailure && error.code === "site_not_found") throw new LoginRefused("no_site", t("noSite", { site }));
    throw new LoginRefused("unreachable", failureText(error));
  }
}

/**
 * Opens the login popup at the provider's start; null when the browser blocked it. Call it
 * from the click handler itself: a popup opened after an `await` is blocked.
 *
 * @example
 * button.addEventListener("click", () => void loginWithPopup(openLoginPopup(site, "kakao"), site));
 */
export function openLoginPopup(site: string, provider: string): Window | null {
  // This page's origin is the service's own, which the start accepts for the dashboard.
  const query = new URLSearchParams({ site, origin: location.origin });
  return open(`${API}/auth/${enc(provider)}/start?${query}`, "marginalia-login", "popup,width=480,height=640");
}

/** The session of a successful login message, or undefined for anything else. */
function sessionOf(message: unknown): string | undefined {
  const m = message as { ok?: unknown; kind?: unknown; session?: unknown };
  return m.ok === true && m.kind === "login" && typeof m.session === "string" && m.session ? m.session : undefined;
}

function refusal(message: unknown): LoginRefused {
  const raw = (message as { error?: { code?: unknown } }).error?.code;
  const code = typeof raw === "string" ? raw : "internal_error";
  const words = label("l_", code);
  return new LoginRefused("social_failed", words === code ? t("l_other", { code }) : words);
}

/** Waits for the popup's answer, then lets its session in only if it moderates `site`. */
export async function loginWithPopup(popup: Window | null, site: string): Promise<Caller> {
  if (!popup) throw refusal({ error: { code: "popup_blocked" } });
  popup.focus();
  const message = await loginMessageFrom(popup);
  const session = sessionOf(message);
  if (!session) throw refusal(message);
  return verifyCredentials({ kind: "session", token: session, site });
}
