import type { Frame, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  admin,
  apiLogin,
  apiPost,
  articleUrl,
  attrOf,
  card,
  countOf,
  freshContextPerTest,
  openArticle,
  service,
  shot,
  sites,
  textOf,
  widgetOf,
} from "./helpers";

const context = freshContextPerTest();

/** Requests the frame makes for the reader's notifications (the bell's count, the list). */
function notificationRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on("request", (req) => req.url().includes("/api/v1/me/notifications") && seen.push(`${req.method()} ${req.url()}`));
  return seen;
}

const focusedText = (frame: Frame) => frame.evaluate(() => document.activeElement?.textContent ?? "");
const focusedId = (frame: Frame) => frame.evaluate(() => document.activeElement?.id ?? "");

describe("notifications (알림)", () => {
  it("shows the bell's count after another reader replies, lists it, and marks it read", async () => {
    const article = "nt-bell";
    const mine = await apiLogin("main", "nt-reader", "알림독자");
    const own = await apiPost(mine, article, "알림을 기다리는 댓글");
    // Before the reply (on another article: this one's page is then made after the reply).
    const before = await openArticle(context(), { article: "nt-bell-before", user: "nt-reader", name: "알림독자", token: true });
    await expect.poll(() => textOf(before.widget.locator(".m-account"))).toContain("알림독자님으로 로그인됨");
    expect(await textOf(before.widget.locator("#m-bell"))).toContain("알림");
    expect(await before.widget.locator("#m-unread").isHidden()).toBe(true);

    const other = await apiLogin("main", "nt-other", "답글러");
    const reply = await apiPost(other, article, "좋은 지적입니다", { parentId: own.id });
    const page = await context().newPage();
    const requests = notificationRequests(page);
    await page.goto(articleUrl({ article, user: "nt-reader", name: "알림독자", token: true }));
    const { widget, frame } = await widgetOf(page);
    await expect.poll(() => textOf(widget.locator("#m-unread"))).toBe("1");
    // One request for the count, after the list: a page of one.
    expect(requests).toEqual([expect.stringMatching(/GET .*\/me\/notifications\?site=e2e&limit=1$/)]);
    // The count is said in words to screen readers (a polite live region off screen).
    await expect.poll(() => textOf(widget.locator("#m-unread-said"))).toBe("읽지 않은 알림 1개");
    expect(await attrOf(widget.locator("#m-unread-said"), "role")).toBe("status");

    await widget.locator("#m-bell").click();
    const dialog = widget.locator(".m-dialog");
    await expect.poll(() => textOf(dialog.locator(".m-dialog-title"))).toBe("알림");
    const item = dialog.locator(".m-alert").first();
    expect(await textOf(item.locator("strong"))).toBe("답글러님이 답글을 남겼습니다");
    expect(await textOf(item.locator(".m-excerpt"))).toBe("“좋은 지적입니다”");
    expect(await textOf(item.locator(".m-new-mark"))).toBe("읽지 않음");
    expect(await textOf(item.locator("time"))).toBe("방금");
    await shot(page, "70-notifications");

    // Choosing it marks it read, closes the list and brings the reply into view.
    await item.click();
    await expect.poll(() => widget.locator("#m-unread").isHidden()).toBe(true);
    expect(await textOf(widget.locator("#m-unread-said"))).toBe("읽지 않은 알림 0개");
    expect(await countOf(widget.locator(".m-dialog"))).toBe(0);
    await expect.poll(() => focusedId(frame)).toBe(`card-${reply.id}`);
    expect(await attrOf(widget.locator(`#card-${reply.id}`), "class")).toContain("m-hl");
  });

  it("pages to a notified reply beyond the first page: more comments until its thread, then its replies", async () => {
    const article = "nt-deep";
    const mine = await apiLogin("main", "nt-deep-reader", "깊은알림");
    const own = await apiPost(mine, article, "한참 아래에 있는 내 댓글");
    const other = await apiLogin("main", "nt-deep-other", "다른독자");
    // Four replies: the page shows the oldest three under the comment, the fourth behind "more replies".
    for (let i = 1; i <= 3; i++) await apiPost(other, article, `먼저 단 답글 ${i}`, { parentId: own.id });
    const last = await apiPost(other, article, "마지막 답글", { parentId: own.id });
    // 25 newer comments: the reader's own is on the second page (20 a page).
    for (let i = 1; i <= 25; i++) await apiPost(other, article, `새 댓글 ${i}`);

    const { widget, frame } = await openArticle(context(), { article, user: "nt-deep-reader", name: "깊은알림", token: true });
    await expect.poll(() => textOf(widget.locator("#m-unread"))).toBe("4");
    expect(await countOf(widget.locator(`#card-${own.id}`))).toBe(0);
    await widget.locator("#m-bell").click();
    const item = widget.locator(".m-dialog .m-alert").first();
    expect(await textOf(item.locator(".m-excerpt"))).toBe("“마지막 답글”");
    await item.click();
    await expect.poll(() => focusedId(frame)).toBe(`card-${last.id}`);
    expect(await attrOf(widget.locator(`#card-${last.id}`), "class")).toContain("m-hl");
    expect(await countOf(widget.locator(`#card-${own.id}`))).toBe(1);
  });

  it("marks all read, pages with 더 보기, and is driven by the keyboard (Tab, Enter, Escape)", async () => {
    const article = "nt-paging";
    const mine = await apiLogin("main", "nt-pager", "많은알림");
    const own = await apiPost(mine, article, "답글이 많이 달릴 댓글");
    const other = await apiLogin("main", "nt-pager-other", "수다쟁이");
    for (let i = 1; i <= 21; i++) await apiPost(other, article, `답글 ${i}`, { parentId: own.id });

    const { page, widget, frame } = await openArticle(context(), { article, user: "nt-pager", name: "많은알림", token: true });
    await expect.poll(() => textOf(widget.locator("#m-unread"))).toBe("21");
    await widget.locator("#m-bell").focus();
    await page.keyboard.press("Enter");
    const dialog = widget.locator(".m-dialog");
    await dialog.waitFor();
    // The list opens on "모두 읽음"; Tab moves to the newest notification.
    await expect.poll(() => focusedText(frame)).toBe("모두 읽음");
    await page.keyboard.press("Tab");
    expect(await focusedText(frame)).toContain("답글 21");
    expect(await countOf(dialog.locator(".m-alert"))).toBe(20);
    await dialog.locator("button", { hasText: "더 보기" }).click();
    await expect.poll(() => countOf(dialog.locator(".m-alert"))).toBe(21);
    expect(await dialog.locator("button", { hasText: "더 보기" }).isHidden()).toBe(true);
    expect(await focusedText(frame)).toContain("답글 1”");

    await dialog.locator("button", { hasText: "모두 읽음" }).click();
    await expect.poll(() => widget.locator("#m-unread").isHidden()).toBe(true);
    expect(await countOf(dialog.locator(".m-new"))).toBe(0);
    await expect.poll(() => textOf(widget.locator("#m-unread-said"))).toBe("읽지 않은 알림 0개");

    await page.keyboard.press("Escape");
    await expect.poll(() => countOf(widget.locator(".m-dialog"))).toBe(0);
    expect(await focusedId(frame)).toBe("m-bell");
  });

  it("makes no notification request for an anonymous reader, and speaks English", async () => {
    const anonymous = await openArticle(context(), { article: "nt-anon" });
    const seen = notificationRequests(anonymous.page);
    await anonymous.widget.locator(".m-choose").waitFor();
    expect(await countOf(anonymous.widget.locator("#m-bell"))).toBe(0);
    expect(seen).toEqual([]);

    const english = await openArticle(context(), { article: "nt-anon", lang: "en", user: "nt-en", name: "Reader", token: true });
    await expect.poll(() => textOf(english.widget.locator("#m-bell"))).toContain("Notifications");
    await english.widget.locator("#m-bell").click();
    await expect.poll(() => textOf(english.widget.locator(".m-dialog .m-empty"))).toBe("No notifications.");
    expect(await textOf(english.widget.locator(".m-dialog button", { hasText: "Mark all read" }))).toBe("Mark all read");
  });

  it("explains why e-mail is unavailable when the site offers it but vouched for no address", async () => {
    expect((await admin(`/sites/${sites.strict.id}/settings`, { method: "PATCH", json: { emailNotifications: true } })).status).toBe(200);
    try {
      const { widget } = await openArticle(context(), { site: "strict", article: "nt-email", user: "nt-email", name: "메일독자", token: true });
      await widget.locator("#m-bell").click();
      const box = widget.locator("#m-email");
      await expect.poll(() => textOf(widget.locator("#m-email-why"))).toBe("사이트가 확인한 이메일 주소가 없어 이메일 알림을 받을 수 없습니다.");
      expect(await box.isDisabled()).toBe(true);
      expect(await attrOf(box, "aria-describedby")).toBe("m-email-why");
    } finally {
      await admin(`/sites/${sites.strict.id}/settings`, { method: "PATCH", json: { emailNotifications: false } });
    }
  });
});

/** Posts on the strict site (the helpers' apiPost posts on the main one). */
async function postOnStrict(session: string, article: string, body: string): Promise<void> {
  const res = await fetch(`${service}/api/v1/sites/${sites.strict.id}/articles/${article}/comments`, {
    method: "POST",
    headers: { Authorization: `Bearer ${session}`, "Content-Type": "application/json" },
    body: JSON.stringify({ body }),
  });
  expect(res.status).toBe(201);
}

describe("comment history (댓글 이력)", () => {
  it("opens from an author's name with their stats and comments, pages, and closes with Escape", async () => {
    const writer = await apiLogin("main", "hist-writer", "이력기자", { badges: ["기자"] });
    await apiPost(writer, "hist-other", "다른 기사에 쓴 첫 댓글", { url: "https://news.example/hist-other", title: "다른 기사 제목" });
    const page1 = { url: "https://news.example/hist-a", title: "이력 기사" };
    for (let i = 1; i <= 20; i++) await apiPost(writer, "hist-a", `이력 댓글 ${i}`, i === 1 ? page1 : {});
    const { page, widget, frame } = await openArticle(context(), { article: "hist-a", user: "hist-reader", name: "이력보는독자", token: true });
    const name = card(widget, "이력 댓글 20").locator("button.m-author");
    expect(await textOf(name)).toBe("이력기자");
    expect(await attrOf(name, "aria-haspopup")).toBe("dialog");
    await name.focus();
    await page.keyboard.press("Enter");
    const dialog = widget.locator(".m-dialog");
    await expect.poll(() => textOf(dialog.locator(".m-dialog-title"))).toBe("이력기자님의 댓글 이력");
    expect(await dialog.locator(".m-badges .m-tag").allTextContents()).toEqual(["기자"]);
    expect(await textOf(dialog.locator(".m-stats"))).toMatch(/^댓글 21 · 공감 0 · .+ 가입$/);
    const items = dialog.locator(".m-history-item");
    expect(await countOf(items)).toBe(20);
    // The focus is inside (on the first article's title), and Tab stays inside: Shift+Tab from
    // the first control goes to the last (닫기).
    expect(await frame.evaluate(() => Boolean(document.activeElement?.closest("dialog")))).toBe(true);
    expect(await focusedText(frame)).toBe("이력 기사");
    await page.keyboard.press("Shift+Tab");
    expect(await focusedText(frame)).toBe("닫기");
    await page.keyboard.press("Tab");
    expect(await focusedText(frame)).toBe("이력 기사");
    expect(await textOf(items.first().locator(".m-body"))).toBe("이력 댓글 20");
    await shot(page, "71-history");

    await dialog.locator("button", { hasText: "더 보기" }).click();
    await expect.poll(() => countOf(items)).toBe(21);
    const oldest = items.nth(20);
    expect(await textOf(oldest.locator(".m-body"))).toBe("다른 기사에 쓴 첫 댓글");
    // The article's title links to its URL (http(s) only).
    expect(await attrOf(oldest.locator("a"), "href")).toBe("https://news.example/hist-other");
    expect(await textOf(oldest.locator("a"))).toBe("다른 기사 제목");
    expect(await dialog.locator("button", { hasText: "더 보기" }).isHidden()).toBe(true);

    await page.keyboard.press("Escape");
    await expect.poll(() => countOf(widget.locator(".m-dialog"))).toBe(0);
    expect(await focusedText(frame)).toBe("이력기자");
  });

  it("speaks English to an anonymous reader", async () => {
    const writer = await apiLogin("main", "hist-en-writer", "Writer");
    await apiPost(writer, "hist-en", "An English comment", { url: "https://news.example/hist-en", title: "An article" });
    const { widget } = await openArticle(context(), { article: "hist-en", lang: "en" });
    await card(widget, "An English comment").locator("button.m-author").click();
    const dialog = widget.locator(".m-dialog");
    await expect.poll(() => textOf(dialog.locator(".m-dialog-title"))).toBe("Writer's comments");
    expect(await textOf(dialog.locator(".m-stats"))).toMatch(/^Comments 1 · Likes 0 · Joined .+$/);
    expect(await textOf(dialog.locator(".m-history-item a"))).toBe("An article");
    expect(await textOf(dialog.locator(".m-dialog-actions button"))).toBe("Close");
  });

  it("shows names as plain text where the site turned publicHistory off, and says so when it was turned off since", async () => {
    const writer = await apiLogin("strict", "hist-strict", "비공개독자");
    await postOnStrict(writer, "hist-off", "이력이 닫힌 사이트의 댓글");
    // Another writer: the strict site makes one wait 2 minutes between comments.
    await postOnStrict(await apiLogin("strict", "hist-strict-2", "비공개독자2"), "hist-off-2", "이력이 닫힌 사이트의 다른 댓글");
    const open = await openArticle(context(), { site: "strict", article: "hist-off" });
    const name = card(open.widget, "이력이 닫힌 사이트의 댓글").locator(".m-author");
    expect(await name.evaluate((el) => el.tagName)).toBe("BUTTON");
    expect((await admin(`/sites/${sites.strict.id}/settings`, { method: "PATCH", json: { publicHistory: false } })).status).toBe(200);
    try {
      // Turned off after the page loaded: the reader is told, no dialog opens.
      await name.click();
      await expect.poll(() => textOf(open.widget.locator(".m-live"))).toBe("이 사이트는 댓글 이력을 공개하지 않습니다.");
      expect(await countOf(open.widget.locator(".m-dialog"))).toBe(0);
      // A frame opened now (another article: the frame page is cached for a minute) shows plain names.
      const { widget } = await openArticle(context(), { site: "strict", article: "hist-off-2" });
      const plain = card(widget, "이력이 닫힌 사이트의 다른 댓글").locator(".m-author");
      expect(await plain.evaluate((el) => el.tagName)).toBe("STRONG");
      expect(await countOf(widget.locator("button.m-author"))).toBe(0);
    } finally {
      await admin(`/sites/${sites.strict.id}/settings`, { method: "PATCH", json: { publicHistory: true } });
    }
  });
});
