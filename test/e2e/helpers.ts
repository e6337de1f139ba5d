/**
 * What the end-to-end tests share: Debian's Chromium through playwright-core, the host page
 * with the widget, and direct API calls for seeding and for the moderator's side.
 */
import { mkdirSync } from "node:fs";
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Frame,
  type FrameLocator,
  type Locator,
  type Page,
} from "playwright-core";
import { afterAll, beforeAll, beforeEach, inject } from "vitest";
import { SignJWT } from "jose";

export const service = inject("service");
export const hostOrigin = inject("host");
const sameSiteHostOrigin = inject("sameSiteHost");
export const sites = inject("sites");
const adminToken = inject("adminToken");

export const ARTIFACTS = "artifacts/e2e";
mkdirSync(ARTIFACTS, { recursive: true });

/**
 * Debian's Chromium, headless, with nothing running in the background. launch() gives every
 * browser a fresh temporary --user-data-dir of its own (Playwright refuses that flag in `args`).
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

export interface ArticleOptions {
  site?: "main" | "strict";
  article: string;
  lang?: "ko" | "en";
  /** The host site's logged-in reader (their SSO subject); none for an anonymous visitor. */
  user?: string;
  name?: string;
  /** The page carries the reader's SSO token (data-sso-token). */
  token?: boolean;
  /** Host on the service's site (127.0.0.1, another port): the frame may use its storage. */
  sameSite?: boolean;
  /** A second widget on the page (article `<article>-second`), handed the same token. */
  second?: boolean;
  /** The embed's data-theme and data-accent. */
  theme?: "dark" | "light";
  accent?: string;
  /** The page's token says `role: "moderator"` (with `token`). */
  moderator?: boolean;
}

export interface OpenArticle {
  page: Page;
  widget: FrameLocator;
  frame: Frame;
}

export function articleUrl(o: ArticleOptions): string {
  const q = new URLSearchParams({ site: sites[o.site ?? "main"].id, article: o.article, lang: o.lang ?? "ko" });
  if (o.user) q.set("user", o.user);
  if (o.name) q.set("name", o.name);
  if (o.token) q.set("token", "1");
  if (o.second) q.set("second", "1");
  if (o.theme) q.set("theme", o.theme);
  if (o.accent) q.set("accent", o.accent);
  if (o.moderator) q.set("role", "moderator");
  return `${o.sameSite ? sameSiteHostOrigin : hostOrigin}/article?${q}`;
}

/** Opens the host page and waits until the widget has rendered its list. */
export async function openArticle(context: BrowserContext, o: ArticleOptions): Promise<OpenArticle> {
  const page = await context.newPage();
  page.on("pageerror", (error) => console.error(`page error (${o.article}):`, error.message));
  // Not the whole page's load (its frame and everything in it): widgetOf waits for what the test needs.
  // A loaded full-suite run once spent the whole navigation timeout waiting for "load".
  await page.goto(articleUrl(o), { waitUntil: "domcontentloaded" });
  return { page, ...(await widgetOf(page)) };
}

export async function widgetOf(page: Page): Promise<{ widget: FrameLocator; frame: Frame }> {
  const widget = page.frameLocator("#comments iframe");
  await widget.locator("#m-list").waitFor({ state: "attached" });
  const handle = await page.waitForSelector("#comments iframe");
  return { widget, frame: (await handle.contentFrame())! };
}

export async function reload(page: Page): Promise<{ widget: FrameLocator; frame: Frame }> {
  await page.reload();
  return widgetOf(page);
}

export const shot = (page: Page, name: string) => page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });

/** Logs in through the widget's own button, as a reader would: the host's callback hands over a token. */
export async function logInThroughWidget(widget: FrameLocator): Promise<void> {
  await widget.locator(".m-login").click();
  await widget.locator(".m-account button", { hasText: /로그아웃|Log out/ }).waitFor();
}

export async function postThroughWidget(widget: FrameLocator, body: string): Promise<void> {
  await widget.locator(".m-composer textarea").first().fill(body);
  await widget.locator(".m-composer button[type=submit]").first().click();
}

/** The card of the comment whose text contains `text`. */
export const card = (widget: FrameLocator, text: string) => widget.locator(".m-card", { hasText: text });

// ---- The API directly: seeding other readers' comments, and the moderator's side.

async function apiCall<T>(path: string, init: { method?: string; token?: string; json?: unknown } = {}): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {};
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  if (init.json !== undefined) headers["Content-Type"] = "application/json";
  const res = await fetch(`${service}/api/v1${path}`, {
    method: init.method ?? "GET",
    headers,
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

export async function apiLogin(site: "main" | "strict", sub: string, name: string, claims: Record<string, unknown> = {}): Promise<string> {
  const token = await new SignJWT({ sub, name, ...claims })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuedAt()
    .setJti(crypto.randomUUID())
    .setExpirationTime("10m")
    .sign(new TextEncoder().encode(sites[site].secret));
  const res = await apiCall<{ session: string }>("/auth/sso", { method: "POST", json: { site: sites[site].id, token } });
  if (res.status !== 200) throw new Error(`login ${sub}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.session;
}

export interface ApiComment {
  id: string;
  status: string;
  body: string;
}

export async function apiPost(session: string, article: string, body: string, extra: Record<string, unknown> = {}): Promise<ApiComment> {
  const res = await apiCall<{ comment: ApiComment }>(`/sites/${sites.main.id}/articles/${encodeURIComponent(article)}/comments`, {
    method: "POST",
    token: session,
    json: { body, ...extra },
  });
  if (res.status !== 201) throw new Error(`post: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.comment;
}

export async function apiReact(session: string, commentId: string, value: "like" | "dislike"): Promise<void> {
  const res = await apiCall(`/comments/${commentId}/reaction`, { method: "PUT", token: session, json: { value } });
  if (res.status !== 200) throw new Error(`react: ${res.status}`);
}

/** The admin token acts as a moderator of every site. */
export const admin = <T>(path: string, init: { method?: string; json?: unknown } = {}) => apiCall<T>(path, { ...init, token: adminToken });

/**
 * Anonymous readers see a change once the edge cache's window has passed (src/edge/edgeCache.ts,
 * at most 10 s): what they see is polled that long.
 */
export const WITHIN_FRESHNESS = { timeout: 15_000, intervals: [1_000] };

/** The bodies an anonymous reader is shown for an article right now. */
export const anonymousBodies = async (article: string) => (await listAnonymously(article)).body.comments.map((c) => c.body);

export const listAnonymously = (article: string) =>
  apiCall<{ comments: { id: string; body: string | null; status: string }[] }>(`/sites/${sites.main.id}/articles/${encodeURIComponent(article)}/comments`);

/** Polls a locator's text (Playwright's own web-first assertions live in @playwright/test, not playwright-core). */
export const textOf = (loc: Locator) =>
  loc
    .first()
    .textContent({ timeout: 5000 })
    .then((t) => t ?? "");
export const attrOf = (loc: Locator, name: string) => loc.first().getAttribute(name, { timeout: 5000 });
export const countOf = (loc: Locator) => loc.count();

/**
 * One Chromium per test file and a fresh context (storage, cookies) for every test; returns
 * the current test's context.
 */
export function freshContextPerTest(options: BrowserContextOptions = {}): () => BrowserContext {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());
  beforeEach(async () => {
    context = await browser!.newContext({ viewport: { width: 900, height: 900 }, ...options });
    return () => context!.close();
  });
  return () => context!;
}
