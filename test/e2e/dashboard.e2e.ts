import { describe, expect, it } from "vitest";
import {
  admin,
  apiLogin,
  apiPost,
  card,
  countOf,
  freshContextPerTest,
  anonymousBodies,
  WITHIN_FRESHNESS,
  logInThroughWidget,
  openArticle,
  postThroughWidget,
  reload,
  widgetOf,
  service,
  shot,
  sites,
  textOf,
} from "./helpers";
import {
  adminToken,
  dashShot,
  focusWithKeyboard,
  grantModerator,
  heldComments,
  itemCard,
  logInAsAdmin,
  openDashboard,
  openQueueAsModerator,
  socialChoices,
  ssoToken,
} from "./dashboardHelpers";
import { logInAtOidc, popupFrom, providerButton, untilClosed, watchLogins } from "./socialHelpers";

const context = freshContextPerTest({ viewport: { width: 1100, height: 900 } });

describe("logging in to the dashboard", () => {
  it("takes the admin token, lists every site to pick from, and opens the chosen site's queues", async () => {
    const { page, problems } = await openDashboard(context());
    await page.getByLabel("관리자 토큰 (ADMIN_TOKEN)").fill("not-the-admin-token");
    await page.locator("form", { hasText: "관리자 토큰" }).getByRole("button", { name: "로그인" }).click();
    await expect.poll(() => textOf(page.locator(".login > .error"))).toBe("관리자 토큰이 올바르지 않습니다.");
    await dashShot(page, "01-login");

    await logInAsAdmin(page);
    await expect.poll(() => textOf(page.locator("main h2"))).toBe("운영할 사이트를 선택하세요.");
    const picker = page.getByLabel("사이트");
    expect(await picker.locator("option").allTextContents()).toEqual(["—", `E2E 뉴스 (${sites.main.id})`, `Strict News (${sites.strict.id})`]);
    await picker.selectOption(sites.main.id);
    await page.locator("nav.tabs button[aria-current=page]", { hasText: "대기" }).waitFor();
    expect(new URL(page.url()).searchParams.get("site")).toBe(sites.main.id);
    expect(await page.evaluate(() => sessionStorage.getItem("marginalia.moderate"))).toContain('"kind":"admin"');
    await dashShot(page, "02-admin-queue");

    await page.getByRole("button", { name: "로그아웃" }).click();
    await page.getByLabel("관리자 토큰 (ADMIN_TOKEN)").waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    expect(problems).toEqual({ errors: [], dialogs: [] });
  });

  it("lets a moderator in from the CMS's fragment hand-off, to their own site only", async () => {
    const { page, problems } = await openQueueAsModerator(context(), "pending", "handoff-moderator");
    // The token left the address bar (and the history) at once.
    expect(page.url()).not.toContain("#");
    expect(page.url()).not.toContain("sso");
    expect(await textOf(page.locator("header .who"))).toBe("김운영님");
    expect(await countOf(page.locator("#site-picker"))).toBe(0);
    expect(await textOf(page.locator("header .site-name"))).toBe("E2E 뉴스");

    const session = await page.evaluate(() => JSON.parse(sessionStorage.getItem("marginalia.moderate")!).token as string);
    await page.goto(`${new URL(page.url()).origin}/moderate?lang=ko&site=${sites.strict.id}`);
    await expect.poll(() => textOf(page.locator(".queue .empty"))).toBe(`'${sites.strict.id}' 사이트의 운영자가 아닙니다.`);
    await dashShot(page, "03-other-site-refused");

    // Logging out ends the session on the server too.
    await page.getByRole("button", { name: "로그아웃" }).click();
    await page.getByLabel("SSO 토큰").waitFor();
    expect((await fetch(`${service}/api/v1/me`, { headers: { Authorization: `Bearer ${session}` } })).status).toBe(401);
    expect(problems.errors).toEqual([]);
  });

  it("speaks English when asked (?lang=en)", async () => {
    const { page } = await openDashboard(context(), { lang: "en" });
    await page.getByRole("heading", { name: "Moderator login" }).waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.title])).toEqual(["en", "Marginalia moderation"]);
    await page.getByLabel("Admin token (ADMIN_TOKEN)").fill(adminToken);
    await page.locator("form", { hasText: "Admin token" }).getByRole("button", { name: "Log in" }).click();
    await page.locator("#site-picker").selectOption(sites.main.id);
    await page.locator("nav.tabs button[aria-current=page]", { hasText: "Pending" }).waitFor();
    await dashShot(page, "13-english");
  });

  it("refuses a reader's SSO token with a clear message and keeps nothing", async () => {
    const { page } = await openDashboard(context());
    await page.locator("form", { hasText: "SSO 토큰" }).getByLabel("사이트 ID").fill(sites.main.id);
    await page.getByLabel("SSO 토큰").fill(await ssoToken("main", "plain-reader", "그냥독자", "commenter"));
    await page.locator("form", { hasText: "SSO 토큰" }).getByRole("button", { name: "로그인" }).click();
    await expect.poll(() => textOf(page.locator(".login > .error"))).toBe("이 계정은 운영자가 아닙니다.");
    await page.getByLabel("SSO 토큰").fill("not.a.token");
    await page.locator("form", { hasText: "SSO 토큰" }).getByRole("button", { name: "로그인" }).click();
    await expect.poll(() => textOf(page.locator(".login > .error"))).toBe("토큰이 올바르지 않거나 만료되었습니다.");
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  });
});

describe("logging in to the dashboard with a social account", () => {
  const unique = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 8)}`;
  const me = async (session: string) =>
    (await fetch(`${service}/api/v1/me`, { headers: { Authorization: `Bearer ${session}` } })).json() as Promise<{ user: { id: string } }>;

  it("lets in a Kakao reader the site's admin made a moderator, through the popup, to the site's queues", async () => {
    // The reader logs in once from an article, as readers do: now their account exists.
    const logins = watchLogins(context());
    const account = unique("kakao-mod");
    const { page: article, widget } = await openArticle(context(), { article: "ds-kakao" });
    const first = await popupFrom(article, providerButton(widget, "카카오"));
    await logInAtOidc(first, account);
    await untilClosed(first);
    await expect.poll(() => logins.sessions.length).toBe(1);
    await grantModerator((await me(logins.sessions[0]!)).user.id);
    // Logged out at Kakao too, so the dashboard's popup shows Kakao's login page again.
    await context().clearCookies();

    const { page, problems } = await openDashboard(context());
    const choices = await socialChoices(page);
    expect(await choices.allTextContents()).toEqual(["카카오 계정으로 로그인", "네이버 계정으로 로그인"]);
    await dashShot(page, "14-social-login");
    const popup = await popupFrom(page, choices.filter({ hasText: "카카오" }));
    await popup.locator("input[name=login]").waitFor();
    // The dashboard's COOP (same-origin-allow-popups) keeps the popup's opener at the provider.
    expect(await popup.evaluate(() => window.opener !== null)).toBe(true);
    await logInAtOidc(popup, account);
    await untilClosed(popup);

    await page.locator("nav.tabs button[aria-current=page]", { hasText: "대기" }).waitFor();
    expect(await textOf(page.locator("header .who"))).toBe(`닉네임 ${account}님`);
    expect(await textOf(page.locator("header .site-name"))).toBe("E2E 뉴스");
    const stored = await page.evaluate(() => JSON.parse(sessionStorage.getItem("marginalia.moderate")!) as { kind: string; site: string; token: string });
    expect(stored).toMatchObject({ kind: "session", site: sites.main.id });
    expect(stored.token).not.toBe(logins.sessions[0]);
    await dashShot(page, "15-social-moderator-queue");
    expect(problems).toEqual({ errors: [], dialogs: [] });
  });

  it("refuses a social account that moderates nothing, says so, and ends its session", async () => {
    const logins = watchLogins(context());
    const { page, problems } = await openDashboard(context());
    const popup = await popupFrom(page, (await socialChoices(page)).filter({ hasText: "카카오" }));
    await logInAtOidc(popup, unique("kakao-reader"));
    await untilClosed(popup);
    await expect.poll(() => textOf(page.locator(".login > .error"))).toBe("이 계정은 운영자가 아닙니다.");
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    expect(logins.sessions).toHaveLength(1);
    expect((await fetch(`${service}/api/v1/me`, { headers: { Authorization: `Bearer ${logins.sessions[0]}` } })).status).toBe(401);
    expect(problems).toEqual({ errors: [], dialogs: [] });
  });

  it("says so when the moderator closes the popup, or the site offers no social login", async () => {
    const { page } = await openDashboard(context());
    const popup = await popupFrom(page, (await socialChoices(page)).filter({ hasText: "네이버" }));
    await popup.close();
    await expect.poll(() => textOf(page.locator(".login > .error"))).toBe("로그인 창을 닫았습니다. 다시 시도하세요.");
    const form = page.locator("form", { hasText: "소셜 계정" });
    await form.getByLabel("사이트 ID").fill(sites.strict.id);
    await form.getByRole("button", { name: "로그인 방법 보기" }).click();
    await expect.poll(() => textOf(page.locator(".login > .error"))).toBe(`'${sites.strict.id}' 사이트는 소셜 로그인을 쓰지 않습니다.`);
    expect(await countOf(form.locator(".providers button"))).toBe(0);
  });
});

describe("deciding in the dashboard changes what readers see", () => {
  it("approves a held comment with a click: it leaves the queue and is published to anonymous readers", async () => {
    await heldComments("d-approve", { sub: "approve-writer", name: "승인독자" }, ["대시보드에서 승인될 댓글"]);
    const before = await openArticle(context(), { article: "d-approve" });
    await expect.poll(() => textOf(before.widget.locator("#m-title"))).toBe("댓글 0");

    const { page } = await openQueueAsModerator(context());
    const item = itemCard(page, "대시보드에서 승인될 댓글");
    await expect.poll(() => textOf(item.locator(".reasons"))).toContain("사전 검토");
    expect(await textOf(item.locator(".author-name"))).toBe("승인독자");
    await dashShot(page, "04-pending");
    await item.getByRole("button", { name: "승인", exact: true }).click();
    await expect.poll(() => countOf(item)).toBe(0);
    await expect.poll(() => textOf(page.locator("p.sr-only[role=status]"))).toBe("승인했습니다.");

    // An anonymous reader sees it once the edge cache's window has passed.
    const after = await openArticle(context(), { article: "d-approve" });
    await expect.poll(async () => textOf((await reload(after.page)).widget.locator("#m-title")), WITHIN_FRESHNESS).toBe("댓글 1");
    await card((await widgetOf(after.page)).widget, "대시보드에서 승인될 댓글").waitFor();
    await expect.poll(() => anonymousBodies("d-approve"), WITHIN_FRESHNESS).toEqual(["대시보드에서 승인될 댓글"]);
  });
});

describe("working the queue from the keyboard", () => {
  it("rejects the focused comment with r: it leaves the queue, and its author no longer sees it", async () => {
    const [, rejected] = await heldComments("d-keys", { sub: "keys-writer", name: "키독자" }, ["남겨 둘 댓글", "단축키로 거절될 댓글"]);
    const author = await openArticle(context(), { article: "d-keys", user: "keys-writer", name: "키독자", sameSite: true });
    await logInThroughWidget(author.widget);
    await card(author.widget, "단축키로 거절될 댓글").waitFor();

    const { page } = await openQueueAsModerator(context());
    await itemCard(page, "단축키로 거절될 댓글").waitFor();
    await focusWithKeyboard(page, "단축키로 거절될 댓글");
    await dashShot(page, "05-keyboard-focus");
    await page.keyboard.press("r");
    await expect.poll(() => countOf(itemCard(page, "단축키로 거절될 댓글"))).toBe(0);
    // The focus moves on to the next comment, ready for the next key.
    expect(await page.evaluate(() => document.activeElement?.matches("li.item"))).toBe(true);
    expect(await countOf(itemCard(page, "남겨 둘 댓글"))).toBe(1);

    const log = await admin<{ entries: { action: string; statusAfter: string }[] }>(`/sites/${sites.main.id}/moderation/log?commentId=${rejected!.id}`);
    expect(log.body.entries[0]).toMatchObject({ action: "reject", statusAfter: "rejected" });
    const reloaded = await reload(author.page);
    await card(reloaded.widget, "남겨 둘 댓글").waitFor();
    expect(await countOf(card(reloaded.widget, "단축키로 거절될 댓글"))).toBe(0);
  });

  it("restores a rejected comment with a, ticks with x and opens its log with l", async () => {
    const [restored] = await heldComments("d-restore", { sub: "restore-writer", name: "복구독자" }, ["복구될 댓글"]);
    expect((await admin(`/moderation/comments/${restored!.id}/reject`, { method: "POST", json: {} })).status).toBe(200);
    const { page } = await openQueueAsModerator(context(), "rejected");
    await itemCard(page, "복구될 댓글").waitFor();
    await focusWithKeyboard(page, "복구될 댓글");
    await page.keyboard.press("x");
    expect(await itemCard(page, "복구될 댓글").getByRole("checkbox").isChecked()).toBe(true);
    await page.keyboard.press("l");
    const log = page.getByRole("dialog", { name: "댓글 기록" });
    await expect.poll(() => log.locator("li.entry").evaluateAll((els) => els.map((el) => el.getAttribute("data-action")))).toEqual(["reject", "auto_hold"]);
    await page.keyboard.press("Escape");
    await page.keyboard.press("a");
    await expect.poll(() => countOf(itemCard(page, "복구될 댓글"))).toBe(0);
    await expect.poll(() => textOf(page.locator("p.sr-only[role=status]"))).toBe("복구했습니다.");
    await expect.poll(() => anonymousBodies("d-restore"), WITHIN_FRESHNESS).toEqual(["복구될 댓글"]);
  });

  it("shows the shortcuts with ?, in a dialog that keeps the focus and gives it back", async () => {
    const { page } = await openQueueAsModerator(context());
    const opener = page.getByRole("button", { name: "단축키 (?)" });
    await opener.focus();
    await page.keyboard.press("?");
    const dialog = page.getByRole("dialog", { name: "단축키" });
    await dialog.waitFor();
    expect(await dialog.locator("dt").allTextContents()).toEqual(["j", "k", "a", "r", "Shift + R", "b", "x", "l", "?"]);
    expect(await page.evaluate(() => document.activeElement?.closest("dialog") !== null)).toBe(true);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.closest("dialog") !== null)).toBe(true);
    await dashShot(page, "06-shortcuts");
    await page.keyboard.press("Escape");
    await expect.poll(() => countOf(dialog)).toBe(0);
    expect(await opener.evaluate((el) => el === document.activeElement)).toBe(true);
  });
});

describe("bulk decisions", () => {
  it("approves the selected comments in one request, and says which one someone else decided first", async () => {
    const bodies = ["일괄 승인 하나", "일괄 승인 둘", "일괄 승인 셋"];
    const held = await heldComments("d-bulk", { sub: "bulk-writer", name: "묶음독자" }, bodies);
    const { page } = await openQueueAsModerator(context());
    for (const body of bodies) await itemCard(page, body).getByRole("checkbox").check();
    expect(await textOf(page.locator(".toolbar .meta"))).toBe("3개 선택됨");
    // Another moderator rejects the third meanwhile.
    expect((await admin(`/moderation/comments/${held[2]!.id}/reject`, { method: "POST", json: { reason: "먼저 처리" } })).status).toBe(200);

    await page.getByRole("button", { name: "선택 승인" }).click();
    await expect.poll(() => textOf(page.locator("p.sr-only[role=status]"))).toBe("2개 처리, 1개 실패");
    expect(await countOf(itemCard(page, "일괄 승인 하나"))).toBe(0);
    expect(await countOf(itemCard(page, "일괄 승인 둘"))).toBe(0);
    const conflicted = itemCard(page, "일괄 승인 셋");
    expect(await textOf(conflicted.locator(".notice"))).toBe("다른 운영자가 먼저 처리했습니다. 지금 상태: 거절됨");
    // Refreshed: what can still be done to it is to restore it.
    expect(await conflicted.locator(".actions button[data-action]").evaluateAll((els) => els.map((el) => el.getAttribute("data-action")))).toEqual([
      "restore",
      "ban",
      "badges",
      "comment-log",
      "user-log",
    ]);
    // The tabs' counts followed both decisions and the other moderator's.
    const counts = (await admin<{ counts: Record<string, number> }>(`/sites/${sites.main.id}/moderation/queue?queue=pending&limit=1`)).body.counts;
    for (const queue of ["pending", "rejected", "approved"])
      expect(Number(await textOf(page.locator(`nav.tabs [data-view=${queue}] .count`)))).toBe(counts[queue]);
    await dashShot(page, "07-bulk");
    await expect.poll(() => anonymousBodies("d-bulk").then((b) => b.sort()), WITHIN_FRESHNESS).toEqual(["일괄 승인 둘", "일괄 승인 하나"]);
  });

  it("selects every comment on the page with one box", async () => {
    await heldComments("d-select-all", { sub: "all-writer", name: "전체독자" }, ["전체 선택 하나", "전체 선택 둘"]);
    const { page } = await openQueueAsModerator(context());
    await itemCard(page, "전체 선택 둘").waitFor();
    const total = await countOf(page.locator("li.item"));
    await page.getByLabel("이 페이지 모두 선택").check();
    expect(await textOf(page.locator(".toolbar .meta"))).toBe(`${total}개 선택됨`);
    await itemCard(page, "전체 선택 하나").getByRole("checkbox").uncheck();
    expect(await page.getByLabel("이 페이지 모두 선택").evaluate((el) => (el as HTMLInputElement).indeterminate)).toBe(true);
  });
});

describe("bans and the audit log", () => {
  it("bans an author from the queue for 7 days with a reason: the comment is rejected and the author can no longer post", async () => {
    await heldComments("d-ban", { sub: "ban-writer", name: "차단될독자" }, ["광고 댓글입니다 여기로 오세요"]);
    const { page } = await openQueueAsModerator(context());
    const item = itemCard(page, "광고 댓글입니다");
    await item.getByRole("button", { name: "작성자 차단…" }).click();
    const dialog = page.getByRole("dialog", { name: "차단될독자님 차단" });
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("duration");
    await dialog.getByLabel("기간").selectOption({ label: "7일" });
    await dialog.getByLabel("차단 사유 (선택)").fill("광고 반복");
    await dashShot(page, "08-ban-dialog");
    await dialog.getByRole("button", { name: "차단", exact: true }).click();
    await expect.poll(() => countOf(item)).toBe(0);
    await expect.poll(() => textOf(page.locator("p.sr-only[role=status]"))).toBe("차단될독자님을 차단했습니다.");

    const session = await apiLogin("main", "ban-writer", "차단될독자");
    const refused = await fetch(`${service}/api/v1/sites/${sites.main.id}/articles/d-ban/comments`, {
      method: "POST",
      headers: { Authorization: `Bearer ${session}`, "Content-Type": "application/json" },
      body: JSON.stringify({ body: "다시 광고" }),
    });
    expect(refused.status).toBe(403);
    const until = Date.parse(((await refused.json()) as { error: { details: { until: string } } }).error.details.until);
    expect(until - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    expect(until - Date.now()).toBeLessThan(7.1 * 86_400_000);

    // In the rejected queue it shows the ban, and the logs tell the whole story.
    await page.locator("nav.tabs button[data-view=rejected]").click();
    const rejected = itemCard(page, "광고 댓글입니다");
    await expect.poll(() => textOf(rejected.locator(".badge.bad"))).toMatch(/까지 차단됨$/);
    await rejected.getByRole("button", { name: "댓글 기록" }).click();
    const commentLog = page.getByRole("dialog", { name: "댓글 기록" });
    await expect
      .poll(() => commentLog.locator("li.entry").evaluateAll((els) => els.map((el) => el.getAttribute("data-action"))))
      .toEqual(["reject", "auto_hold"]);
    expect(await textOf(commentLog.locator("li.entry").first())).toContain("광고 반복");
    expect(await textOf(commentLog.locator("li.entry").first())).toContain("대기 중 → 거절됨");
    await dashShot(page, "09-comment-log");
    await page.keyboard.press("Escape");
    await rejected.getByRole("button", { name: "작성자 기록" }).click();
    const userLog = page.getByRole("dialog", { name: "차단될독자님 기록" });
    await expect
      .poll(() => userLog.locator("li.entry").evaluateAll((els) => els.map((el) => el.getAttribute("data-action"))))
      .toEqual(["reject", "ban", "auto_hold"]);
    expect(await textOf(userLog.locator("li.entry[data-action=ban]"))).toContain("광고 반복");
  });

  it("rejects with a reason typed in the dialog, and pages through a long log", async () => {
    const [first] = await heldComments("d-reason", { sub: "reason-writer", name: "사유독자" }, ["사유와 함께 거절될 댓글"]);
    // 25 decisions on one comment: more than a page of the log.
    for (let i = 0; i < 12; i++) {
      await admin(`/moderation/comments/${first!.id}/approve`, { method: "POST", json: {} });
      await admin(`/moderation/comments/${first!.id}/reject`, { method: "POST", json: { reason: `왕복 ${i}` } });
    }
    await admin(`/moderation/comments/${first!.id}/restore`, { method: "POST", json: {} });
    const { page } = await openQueueAsModerator(context(), "approved");
    const item = itemCard(page, "사유와 함께 거절될 댓글");
    await item.getByRole("button", { name: "사유 적고 거절…" }).click();
    const dialog = page.getByRole("dialog", { name: "댓글 거절" });
    await dialog.getByLabel("거절 사유 (선택)").fill("인신공격");
    await dialog.getByRole("button", { name: "거절" }).click();
    await expect.poll(() => countOf(item)).toBe(0);

    await page.locator("nav.tabs button[data-view=rejected]").click();
    await itemCard(page, "사유와 함께 거절될 댓글").getByRole("button", { name: "댓글 기록" }).click();
    const log = page.getByRole("dialog", { name: "댓글 기록" });
    await expect.poll(() => countOf(log.locator("li.entry"))).toBe(20);
    expect(await textOf(log.locator("li.entry").first())).toContain("인신공격");
    await log.getByRole("button", { name: "이전 기록 더 보기" }).click();
    await expect.poll(() => countOf(log.locator("li.entry"))).toBe(27);
    expect(await log.getByRole("button", { name: "이전 기록 더 보기" }).isHidden()).toBe(true);
    expect(await log.locator("li.entry").last().getAttribute("data-action")).toBe("auto_hold");
  });
});

describe("site settings", () => {
  it("names the field the API refused, then saves a banned word that rejects the next post", async () => {
    const { page } = await openQueueAsModerator(context(), "settings");
    const words = page.getByLabel("금지어 (거절)");
    await expect.poll(() => words.inputValue()).toBe("forbiddenword");
    await words.fill("forbiddenword\n대시보드금지어");
    const reportThreshold = page.getByLabel("신고 목록에 올리는 신고 수");
    const autoHide = page.getByLabel("자동으로 숨기는 신고 수");
    const previous = await autoHide.inputValue();
    await autoHide.fill(String(Number(await reportThreshold.inputValue()) + 1000));
    await page.getByRole("button", { name: "저장" }).click();
    await expect.poll(() => textOf(page.locator("#setting-autoHideThreshold-error"))).not.toBe("");
    expect(await autoHide.getAttribute("aria-invalid")).toBe("true");
    expect(await autoHide.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await textOf(page.locator(".form-actions .status"))).toBe("저장하지 못했습니다. 표시된 항목을 확인하세요.");
    await dashShot(page, "10-settings-error");
    // Nothing was saved: a PATCH is all or nothing.
    expect((await admin<{ settings: { bannedWords: string[] } }>(`/sites/${sites.main.id}/settings`)).body.settings.bannedWords).toEqual(["forbiddenword"]);

    await autoHide.fill(previous);
    await page.getByRole("button", { name: "저장" }).click();
    await expect.poll(() => textOf(page.locator(".form-actions .status"))).toBe("저장했습니다.");
    expect(await autoHide.getAttribute("aria-invalid")).toBeNull();
    expect((await admin<{ settings: { bannedWords: string[] } }>(`/sites/${sites.main.id}/settings`)).body.settings.bannedWords).toEqual([
      "forbiddenword",
      "대시보드금지어",
    ]);

    const { widget, page: reader } = await openArticle(context(), { article: "d-settings", user: "settings-writer", name: "설정독자" });
    await logInThroughWidget(widget);
    await postThroughWidget(widget, "이 댓글에는 대시보드금지어 가 있다");
    await expect.poll(() => textOf(widget.locator(".m-composer .m-notice"))).toBe("댓글이 등록되지 않았습니다: 금지어 포함");
    await shot(reader, "2x-dashboard-11-banned-word-rejected");
  });

  it("sets the profanity policy to mask, and a reader sees the masked text before it is published masked", async () => {
    const { page } = await openQueueAsModerator(context(), "settings");
    const policy = page.getByLabel("강조로 쓰인 욕설 (존나, 씨발 등)");
    await expect.poll(() => policy.inputValue()).toBe("hold");
    await policy.selectOption("mask");
    // The site's own word, masked like the built-in ones.
    await page.getByLabel("사이트가 더하는 강조 욕설").fill("졸라\n!졸라매");
    await page.getByRole("button", { name: "저장" }).click();
    await expect.poll(() => textOf(page.locator(".form-actions .status"))).toBe("저장했습니다.");
    const saved = (await admin<{ settings: { profanity: string; profanityWords: string[] } }>(`/sites/${sites.main.id}/settings`)).body.settings;
    expect(saved).toMatchObject({ profanity: "mask", profanityWords: ["졸라", "!졸라매"] });
    try {
      const { widget } = await openArticle(context(), { article: "d-profanity", user: "profanity-writer", name: "강조독자" });
      await logInThroughWidget(widget);
      await postThroughWidget(widget, "저거 존나 졸라 비싸던데");
      const notice = widget.locator(".m-composer .m-notice");
      await expect.poll(() => textOf(notice.locator("p"))).toBe("다른 독자에게는 이렇게 보입니다: “저거 ○○○ ○○○ 비싸던데” 고쳐 쓰시거나, 그대로 등록하세요.");
      await notice.locator("button", { hasText: "그대로 등록" }).click();
      await expect.poll(() => textOf(card(widget, "비싸던데").locator(".m-body"))).toBe("저거 ○○○ ○○○ 비싸던데");
    } finally {
      // Other tests post to the same site under the default policy.
      await admin(`/sites/${sites.main.id}/settings`, { method: "PATCH", json: { profanity: "hold", profanityWords: [] } });
    }
  });

  it("turns the public comment history off with a checkbox, and readers' names become plain text", async () => {
    const { page } = await openQueueAsModerator(context(), "settings");
    const history = page.getByLabel("댓글 이력 공개");
    await expect.poll(() => history.isChecked()).toBe(true);
    expect(await page.getByLabel("이메일 알림").isChecked()).toBe(false);
    await history.uncheck();
    await page.getByRole("button", { name: "저장" }).click();
    await expect.poll(() => textOf(page.locator(".form-actions .status"))).toBe("저장했습니다.");
    expect((await admin<{ settings: { publicHistory: boolean } }>(`/sites/${sites.main.id}/settings`)).body.settings.publicHistory).toBe(false);
    try {
      const writer = await apiLogin("main", "d-history-writer", "이력작성자");
      await apiPost(writer, "d-history-off", "이름을 눌러도 이력이 열리지 않는 댓글");
      const { widget } = await openArticle(context(), { article: "d-history-off" });
      const name = card(widget, "이름을 눌러도").locator(".m-author");
      expect(await name.evaluate((el) => el.tagName)).toBe("STRONG");
    } finally {
      await admin(`/sites/${sites.main.id}/settings`, { method: "PATCH", json: { publicHistory: true } });
    }
  });
});

describe("comment text in the dashboard is only ever text", () => {
  it("shows markup and script payloads as text and runs none of them", async () => {
    // Not xss.e2e's texts nor its writer: the pipeline would hold its posts as repeated content.
    const payloads = [
      `<img src=x onerror="window.__xss='dash'">`,
      `<script>window.__xss='dash'</script>`,
      `"><svg onload="window.__xss='dash'"></svg>\n둘째 줄`,
    ];
    const name = `<b onmouseover="window.__xss='dash'">이름</b>`;
    await heldComments("d-xss", { sub: "dash-xss-writer", name }, payloads, {
      title: `<img src=x onerror="window.__xss='dash'">기사`,
      url: "https://news.example/x?a=<b>",
    });
    const { page, problems } = await openQueueAsModerator(context());
    for (const body of payloads) await itemCard(page, body.split("\n")[0]!).waitFor();
    const dom = await page.evaluate(() => ({
      bodies: [...document.querySelectorAll("li.item .body")].map((el) => el.textContent),
      names: [...document.querySelectorAll("li.item .author-name")].map((el) => el.textContent),
      titles: [...document.querySelectorAll("li.item .article a")].map((a) => ({
        text: a.textContent,
        href: a.getAttribute("href"),
        rel: a.getAttribute("rel"),
      })),
      injected: document.querySelectorAll("#app img, #app script, #app svg, #app b, [onerror], [onload], [onmouseover]").length,
      flag: (window as unknown as { __xss?: unknown }).__xss,
      lineBreakKept: getComputedStyle(document.querySelector("li.item .body")!).whiteSpace,
    }));
    for (const body of payloads) expect(dom.bodies).toContain(body);
    expect(dom.names).toContain(name);
    expect(dom.titles).toContainEqual({
      text: `<img src=x onerror="window.__xss='dash'">기사`,
      href: "https://news.example/x?a=%3Cb%3E",
      rel: "noopener noreferrer",
    });
    expect(dom.injected).toBe(0);
    expect(dom.flag).toBeUndefined();
    expect(dom.lineBreakKept).toBe("pre-wrap");
    await page.mouse.move(200, 300);
    await dashShot(page, "12-xss-as-text");
    expect(problems).toEqual({ errors: [], dialogs: [] });
  });
});

describe("granting moderators from the dashboard", () => {
  it("finds a reader by name, makes them a moderator, and removes them again", async () => {
    // Unique per run: the search is by name prefix on a D1 other runs may have filled.
    const name = `새운영자${Date.now().toString(36)}`;
    const session = await apiLogin("main", `dash-mods-${name}`, name);
    const canModerate = () => fetch(`${service}/api/v1/moderation/sites`, { headers: { Authorization: `Bearer ${session}` } }).then((res) => res.status);
    expect(await canModerate()).toBe(403);

    const { page, problems } = await openDashboard(context(), { site: sites.main.id, view: "moderators" });
    await logInAsAdmin(page);
    await page.locator("nav.tabs button[aria-current=page]", { hasText: "운영자" }).waitFor();
    const query = page.getByLabel("이름(앞부분) 또는 사용자 id");
    await query.fill(name);
    await query.press("Enter");
    const found = page.locator(".find-users li.person", { hasText: name });
    await found.waitFor();
    expect(await textOf(found)).toContain("로그인: SSO");
    expect(await textOf(found)).toContain("게시 0 · 대기 0 · 거절 0");

    await found.getByRole("button", { name: `${name}님을 운영자로 지정` }).click();
    const granted = page.locator(".moderators li.person", { hasText: name });
    await granted.waitFor();
    await expect.poll(() => textOf(page.locator(".find-users li.person", { hasText: name }).locator(".badge"))).toBe("운영자");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("운영자");
    expect(await canModerate()).toBe(200);
    await dashShot(page, "16-moderators");

    await granted.getByRole("button", { name: `${name} 운영자 해제` }).click();
    await page.getByRole("dialog").getByRole("button", { name: "해제" }).click();
    await granted.waitFor({ state: "detached" });
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("지정된 운영자");
    expect(await canModerate()).toBe(403);
    expect(problems).toEqual({ errors: [], dialogs: [] });
  });

  it("shows no moderators tab to a moderator's own session", async () => {
    const { page } = await openQueueAsModerator(context());
    expect(await countOf(page.locator("nav.tabs [data-view=settings]"))).toBe(1);
    expect(await countOf(page.locator("nav.tabs [data-view=moderators]"))).toBe(0);
  });
});
