/**
 * What the social login e2e tests share: the login popup the widget opens, the providers'
 * login pages in it, the steps of a login seen from the browser (callback URLs, states, the
 * sessions the frame uses), the messages a host page receives, and the site's providers
 * through the admin API.
 */
import type { BrowserContext, FrameLocator, Page } from "playwright-core";
import { inject } from "vitest";
import { admin, service, sites } from "./helpers";

export const social = inject("social");

/** Clicks `button` in the widget and returns the login popup it opens. */
export async function popupFrom(page: Page, button: ReturnType<FrameLocator["locator"]>): Promise<Page> {
  const [popup] = await Promise.all([page.waitForEvent("popup"), button.click()]);
  return popup;
}

/** Waits until the popup has closed itself (a successful login does). */
export async function untilClosed(popup: Page): Promise<void> {
  if (!popup.isClosed()) await popup.waitForEvent("close");
}

/** The widget's button for a provider in the account chooser ("카카오 계정으로 로그인"). */
export const providerButton = (widget: FrameLocator, name: string | RegExp) => widget.locator(".m-choose button", { hasText: name });

/** Logs in at the local OpenID provider's page (Kakao on the e2e site) as `account`. */
export async function logInAtOidc(popup: Page, account: string): Promise<void> {
  await popup.locator("input[name=login]").fill(account);
  await popup.locator("button[value=login]").click();
}

/** Logs in at the Naver stand-in's page as `member`. */
export async function logInAtNaver(popup: Page, member: string): Promise<void> {
  await popup.locator("input[name=user]").fill(member);
  await popup.locator("button:not([name])").click();
}

/** Presses "취소" on either provider's login page. */
export const cancelAtProvider = (popup: Page) => popup.locator("button", { hasText: "취소" }).click();

export interface Logins {
  /** Callback URLs the popups reached (with the provider's code and the state). */
  callbacks: URL[];
  /** The `state` of each authorization request sent to a provider. */
  states: string[];
  /** Sessions the widget's frame used (Bearer tokens of its API calls), oldest first. */
  sessions: string[];
}

/**
 * Watches the context's requests for the steps of social logins. (Requests, not responses: a
 * popup that closes itself at once leaves no response body to read, and requests reached
 * through redirects, as the callback always is, cannot be routed, only observed.)
 */
export function watchLogins(context: BrowserContext): Logins {
  const seen: Logins = { callbacks: [], states: [], sessions: [] };
  context.on("request", (req) => {
    const url = new URL(req.url());
    const bearer = /^Bearer (.+)$/.exec(req.headers().authorization ?? "")?.[1];
    if (url.origin === service && /^\/api\/v1\/auth\/[^/]+\/callback$/.test(url.pathname)) seen.callbacks.push(url);
    else if (url.origin !== service && url.searchParams.has("state") && url.searchParams.has("redirect_uri")) seen.states.push(url.searchParams.get("state")!);
    if (url.origin === service && bearer && !seen.sessions.includes(bearer)) seen.sessions.push(bearer);
  });
  return seen;
}

/** The callback URL as a reader (or an attacker) might type it into the popup's address bar. */
export const callbackUrl = (provider: string, params: Record<string, string>) => `${service}/api/v1/auth/${provider}/callback?${new URLSearchParams(params)}`;

/** Records, in every host page of the context, each message the window receives (to prove what never reaches it). */
export async function recordHostMessages(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    if (location.pathname !== "/article") return;
    const received: { origin: string; data: string }[] = [];
    (window as unknown as { received: typeof received }).received = received;
    addEventListener("message", (e) => received.push({ origin: e.origin, data: JSON.stringify(e.data) }));
  });
}

export const hostMessages = (page: Page) => page.evaluate(() => (window as unknown as { received: { origin: string; data: string }[] }).received);

/** Enables (or changes) a provider on the e2e site, as its admin would. */
export async function setProvider(id: string, body: Record<string, unknown>): Promise<void> {
  const res = await admin(`/admin/sites/${sites.main.id}/login-providers/${id}`, { method: "PUT", json: body });
  if (res.status !== 200) throw new Error(`provider ${id}: ${res.status} ${JSON.stringify(res.body)}`);
}

export async function removeProvider(id: string): Promise<void> {
  await admin(`/admin/sites/${sites.main.id}/login-providers/${id}`, { method: "DELETE" });
}

/** A generic OpenID provider at the local issuer whose client gets spoiled ID tokens (`tamper-aud`, `tamper-exp`). */
export const tamperedProvider = (clientId: string, label: string) => ({ clientId, clientSecret: social.clientSecret, issuer: social.issuer, label });

/** A host page without a login of its own: the article page with its login callback taken away before embed.js reads it. */
export async function withoutSiteLogin(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    if (location.pathname !== "/article") return;
    new MutationObserver((_, observer) => {
      const el = document.getElementById("comments");
      if (!el) return;
      el.removeAttribute("data-login-callback");
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
}
