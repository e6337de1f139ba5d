/**
 * What the dashboard's end-to-end tests share: opening /moderate logged in (admin token typed
 * in, or a moderator's SSO token handed over in the URL fragment), the social login form, held
 * comments to review, and finding a comment's card.
 */
import { SignJWT } from "jose";
import type { BrowserContext, Locator, Page } from "playwright-core";
import { inject } from "vitest";
import { admin, ARTIFACTS, apiLogin, apiPost, service, sites, type ApiComment } from "./helpers";

export const adminToken = inject("adminToken");

/** What went wrong in a page: uncaught errors, CSP or Trusted Types reports, alert()s. */
export interface PageProblems {
  errors: string[];
  dialogs: string[];
}

function watchProblems(page: Page): PageProblems {
  const problems: PageProblems = { errors: [], dialogs: [] };
  page.on("pageerror", (error) => problems.errors.push(error.message));
  page.on("console", (m) => /Content Security Policy|Trusted Type|Refused/i.test(m.text()) && problems.errors.push(m.text()));
  page.on("dialog", (d) => {
    problems.dialogs.push(d.message());
    void d.dismiss();
  });
  return problems;
}

/** Signs an SSO token as the news site's backend would, with a role. */
export function ssoToken(site: "main" | "strict", sub: string, name: string, role: "moderator" | "commenter" = "moderator"): Promise<string> {
  return new SignJWT({ sub, name, role })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuedAt()
    .setJti(crypto.randomUUID())
    .setExpirationTime("10m")
    .sign(new TextEncoder().encode(sites[site].secret));
}

const dashboardUrl = (query: Record<string, string> = {}, fragment = "") =>
  `${service}/moderate?${new URLSearchParams({ lang: "ko", ...query })}${fragment ? `#${fragment}` : ""}`;

export async function openDashboard(
  context: BrowserContext,
  query: Record<string, string> = {},
  fragment = "",
): Promise<{ page: Page; problems: PageProblems }> {
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(dashboardUrl(query, fragment));
  return { page, problems };
}

/** Logs in through the login screen's admin form. */
export async function logInAsAdmin(page: Page): Promise<void> {
  await page.getByLabel("관리자 토큰 (ADMIN_TOKEN)").fill(adminToken);
  await page.locator("form", { hasText: "관리자 토큰" }).getByRole("button", { name: "로그인" }).click();
  await page.locator("header.top").waitFor();
}

/** Opens a site's queue as the site's moderator, handed over by the CMS in the URL fragment. */
export async function openQueueAsModerator(context: BrowserContext, view = "pending", sub = "e2e-moderator"): Promise<{ page: Page; problems: PageProblems }> {
  const token = await ssoToken("main", sub, "김운영");
  const opened = await openDashboard(context, { view }, `site=${sites.main.id}&sso=${encodeURIComponent(token)}`);
  await opened.page.locator("nav.tabs").waitFor();
  return opened;
}

/** Types the site id into the social login form and returns the buttons of the site's providers. */
export async function socialChoices(page: Page, site = sites.main.id): Promise<Locator> {
  const form = page.locator("form", { hasText: "소셜 계정" });
  await form.getByLabel("사이트 ID").fill(site);
  await form.getByRole("button", { name: "로그인 방법 보기" }).click();
  await form.locator(".providers button").first().waitFor();
  return form.locator(".providers button");
}

/** Makes a user of the e2e site a moderator, as the site's admin would. */
export async function grantModerator(userId: string): Promise<void> {
  const res = await admin(`/admin/sites/${sites.main.id}/moderators`, { method: "POST", json: { userId } });
  if (res.status !== 201) throw new Error(`grant ${userId}: ${res.status} ${JSON.stringify(res.body)}`);
}

/** An article where every comment waits for review. */
async function premoderate(article: string): Promise<void> {
  const res = await admin(`/admin/sites/${sites.main.id}/articles/${encodeURIComponent(article)}`, { method: "PATCH", json: { premoderation: "all" } });
  if (res.status !== 200) throw new Error(`premoderate ${article}: ${res.status}`);
}

/** Comments held for review on a pre-moderated article, written by one reader. */
export async function heldComments(
  article: string,
  reader: { sub: string; name: string },
  bodies: string[],
  extra: Record<string, unknown> = {},
): Promise<ApiComment[]> {
  await premoderate(article);
  const session = await apiLogin("main", reader.sub, reader.name);
  const posted = [];
  for (const body of bodies) {
    const comment = await apiPost(session, article, body, extra);
    if (comment.status !== "pending") throw new Error(`'${body}' was not held: ${comment.status}`);
    posted.push(comment);
  }
  return posted;
}

/** The card of the comment whose text contains `text`. */
export const itemCard = (page: Page, text: string): Locator => page.locator("li.item", { has: page.locator(".body", { hasText: text }) });

/** Moves the keyboard's focus with `j` until it is on the card of `text` (other tests' comments may come first). */
export async function focusWithKeyboard(page: Page, text: string, most = 200): Promise<void> {
  const id = await itemCard(page, text).getAttribute("data-id");
  for (let i = 0; i < most; i++) {
    await page.keyboard.press("j");
    if ((await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.id)) === id) return;
  }
  throw new Error(`'${text}' never got the focus`);
}

export const dashShot = (page: Page, name: string) => page.screenshot({ path: `${ARTIFACTS}/2x-dashboard-${name}.png`, fullPage: true });
