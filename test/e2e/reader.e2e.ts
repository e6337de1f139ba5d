import { describe, expect, it } from "vitest";
import {
  apiLogin,
  apiPost,
  attrOf,
  card,
  countOf,
  textOf,
  freshContextPerTest,
  logInThroughWidget,
  openArticle,
  postThroughWidget,
  reload,
  service,
  shot,
} from "./helpers";

const context = freshContextPerTest({ locale: "ko-KR" });

describe("a reader on a news site's page (another origin)", () => {
  it("sees the thread in a cross-origin frame, sized to it, and counts filled with one request", async () => {
    const other = await apiLogin("main", "seed-writer-1", "이작가");
    await apiPost(other, "r-thread", "첫 번째 댓글입니다.\n둘째 줄도 있습니다.");
    await apiPost(other, "r-thread", "두 번째 댓글");
    const counts: string[] = [];
    context().on("request", (req) => req.url().includes("/counts?") && counts.push(req.url()));

    const { page, widget } = await openArticle(context(), { article: "r-thread" });
    await expect.poll(() => widget.locator("#m-title").textContent()).toBe("댓글 2");
    await expect.poll(() => page.locator("#count").textContent()).toBe("2");
    await expect.poll(() => page.locator("#count-other").textContent()).toBe("0");
    expect(counts).toHaveLength(1);
    expect(counts[0]).toContain(`${service}/api/v1/sites/e2e/counts?article=r-thread&article=r-thread-other`);

    // Line breaks are kept.
    const body = widget.locator(".m-body", { hasText: "첫 번째" });
    // biome-ignore lint/performance/useDomNodeTextContent: innerText shows the line breaks as rendered, which is what is checked
    expect(await body.evaluate((el) => (el as HTMLElement).innerText)).toBe("첫 번째 댓글입니다.\n둘째 줄도 있습니다.");
    // The host cannot reach into the frame, and the frame is as tall as its content.
    expect(await page.evaluate(() => document.querySelector("iframe")!.contentDocument)).toBeNull();
    await expect
      .poll(async () => {
        const outer = await page.evaluate(() => document.querySelector("iframe")!.getBoundingClientRect().height);
        const inner = await widget.locator("html").evaluate((el) => Math.ceil(el.getBoundingClientRect().height));
        return Math.abs(outer - inner);
      })
      .toBeLessThanOrEqual(1);
    const renderedMs = await page.waitForFunction(() => (window as unknown as { renderedMs?: number }).renderedMs).then((h) => h.jsonValue());
    expect(renderedMs).toBeGreaterThan(0);
    await shot(page, "01-thread-anonymous");
  });

  it("logs in through the host's callback, then posts, replies, reacts, edits and deletes through the confirm dialog", async () => {
    const other = await apiLogin("main", "seed-writer-2", "박기자");
    await apiPost(other, "r-flow", "기사 잘 읽었습니다.");
    const { page, widget, frame } = await openArticle(context(), { article: "r-flow", user: "reader-1", name: "김독자" });
    await expect.poll(() => textOf(widget.locator(".m-choose"))).toContain("댓글을 쓰려면 계정을 선택하세요");

    const loggedIn = page.waitForResponse((res) => res.url().endsWith("/api/v1/auth/sso"));
    await logInThroughWidget(widget);
    const session = ((await (await loggedIn).json()) as { session: string }).session;
    expect(await page.evaluate(() => (window as unknown as { hostEvents: string[] }).hostEvents)).toContain("login-request");
    await expect.poll(() => textOf(widget.locator(".m-account"))).toContain("김독자님으로 로그인됨");
    // Focus moves to the composer once it is drawn, which may be a frame after the account line.
    await expect.poll(() => frame.evaluate(() => document.activeElement?.tagName)).toBe("TEXTAREA");
    // This page is on another site: Chromium denies the frame its storage, so the session is
    // kept in the frame's memory; the host page never holds it either way.
    expect(
      await frame.evaluate(() => {
        try {
          return localStorage.length >= 0 && "available";
        } catch {
          return "denied";
        }
      }),
    ).toBe("denied");
    expect(await page.evaluate(() => localStorage.length)).toBe(0);

    // Every call after the post carries the post's D1 bookmark (or a later one), so the reader's
    // reads see their write even from a lagging read replica.
    const posted = page.waitForResponse((res) => res.request().method() === "POST" && res.url().includes("/articles/r-flow/comments"));
    const bookmarksSent: string[] = [];
    context().on("request", (req) => {
      const bookmark = req.headers()["x-d1-bookmark"];
      if (bookmark) bookmarksSent.push(bookmark);
    });
    await postThroughWidget(widget, "저도 같은 생각입니다.");
    const written = (await posted).headers()["x-d1-bookmark"]!;
    expect(written).toMatch(/^[0-9a-f-]{59}$/);
    await card(widget, "저도 같은 생각입니다.").waitFor();
    await expect.poll(() => textOf(widget.locator("#m-title"))).toBe("댓글 2");

    // Reply to the other reader's comment.
    await card(widget, "기사 잘 읽었습니다.").locator("[data-k=reply]").click();
    await widget.locator(".m-reply-slot textarea").fill("답글로 덧붙입니다.");
    await widget.locator(".m-reply-slot button[type=submit]").click();
    await widget.locator(".m-reply-item .m-card", { hasText: "답글로 덧붙입니다." }).waitFor();
    await expect.poll(() => textOf(widget.locator("#m-title"))).toBe("댓글 3");
    expect(bookmarksSent.some((sent) => sent >= written)).toBe(true);

    // Like, then take it back; dislike.
    const theirs = card(widget, "기사 잘 읽었습니다.");
    await theirs.locator("[data-k=like]").click();
    await expect.poll(() => textOf(theirs.locator("[data-k=like]"))).toBe("공감 1");
    await expect.poll(() => attrOf(theirs.locator("[data-k=like]"), "aria-pressed")).toBe("true");
    await theirs.locator("[data-k=dislike]").click();
    await expect.poll(() => textOf(theirs.locator("[data-k=dislike]"))).toBe("비공감 1");
    await expect.poll(() => textOf(theirs.locator("[data-k=like]"))).toBe("공감 0");

    // Edit within the window.
    const mine = card(widget, "저도 같은 생각입니다.");
    await mine.locator("[data-k=edit]").click();
    await widget.locator(".m-card textarea").fill("저도 같은 생각입니다. (수정)");
    await widget.locator(".m-card button[type=submit]").click();
    await expect.poll(() => textOf(card(widget, "(수정)").locator(".m-edited"))).toBe("수정됨");
    await shot(page, "02-posted-replied-reacted-edited");

    // Delete the reply through the confirm dialog.
    await widget.locator(".m-reply-item .m-card", { hasText: "답글로 덧붙입니다." }).locator("[data-k=delete]").click();
    const dialog = widget.locator("dialog.m-dialog");
    await dialog.waitFor();
    await expect.poll(() => textOf(dialog)).toContain("삭제한 댓글은 다시 복구할 수 없습니다. 그래도 삭제하시겠습니까?");
    await shot(page, "03-delete-confirm");
    await dialog.locator("button[type=submit]").click();
    await expect.poll(() => countOf(dialog)).toBe(0);
    await expect.poll(() => countOf(widget.locator(".m-card", { hasText: "답글로 덧붙입니다." }))).toBe(0);
    await expect.poll(() => textOf(widget.locator("#m-title"))).toBe("댓글 2");

    // What the reader did is what the server has. The session could not outlive the page (no
    // storage), so the frame revoked it on the way out, and the reader logs in again.
    const again = await reload(page);
    await expect.poll(async () => (await fetch(`${service}/api/v1/me`, { headers: { Authorization: `Bearer ${session}` } })).status).toBe(401);
    await expect.poll(() => textOf(again.widget.locator(".m-choose"))).toContain("댓글을 쓰려면 계정을 선택하세요");
    await logInThroughWidget(again.widget);
    await expect.poll(() => textOf(again.widget.locator("#m-title"))).toBe("댓글 2");
    await card(again.widget, "(수정)").waitFor();
    await expect.poll(() => attrOf(card(again.widget, "기사 잘 읽었습니다.").locator("[data-k=dislike]"), "aria-pressed")).toBe("true");
    await expect.poll(() => countOf(again.widget.locator(".m-card", { hasText: "답글로 덧붙입니다." }))).toBe(0);
  });

  it("keeps the session in the frame's own storage when the browser allows it, never in the host's", async () => {
    const opened = await openArticle(context(), { article: "r-storage", user: "reader-2", name: "최독자", sameSite: true });
    await logInThroughWidget(opened.widget);
    expect(await opened.frame.evaluate(() => Object.keys(localStorage).filter((k) => k.endsWith(":session")))).toEqual(["marginalia:e2e:session"]);
    expect(await opened.page.evaluate(() => localStorage.length)).toBe(0);

    const again = await reload(opened.page);
    await expect.poll(() => textOf(again.widget.locator(".m-account"))).toContain("최독자님으로 로그인됨");
    // Logging out from the widget tells the host page and forgets the session.
    await again.widget.locator(".m-account button").click();
    await again.widget.locator(".m-login").waitFor();
    expect(await opened.page.evaluate(() => (window as unknown as { hostEvents: string[] }).hostEvents)).toContain("logout");
    expect(await again.frame.evaluate(() => localStorage.getItem("marginalia:e2e:session"))).toBeNull();
  });

  it("falls back to reading as a visitor when the stored session was revoked elsewhere", async () => {
    const opened = await openArticle(context(), { article: "r-revoked", user: "reader-4", name: "강독자", sameSite: true });
    await logInThroughWidget(opened.widget);
    const stored = await opened.frame.evaluate(() => JSON.parse(localStorage.getItem("marginalia:e2e:session")!).session as string);
    const res = await fetch(`${service}/api/v1/auth/logout`, { method: "POST", headers: { Authorization: `Bearer ${stored}` } });
    expect(res.status).toBe(204);
    const again = await reload(opened.page);
    await again.widget.locator(".m-login").waitFor();
    await expect.poll(() => textOf(again.widget.locator(".m-live"))).toBe("로그인이 만료되었습니다. 다시 로그인하세요.");
    expect(await again.frame.evaluate(() => localStorage.getItem("marginalia:e2e:session"))).toBeNull();
  });

  it("is logged in on arrival when the page carries the reader's token (data-sso-token)", async () => {
    const { widget } = await openArticle(context(), { article: "r-token", user: "reader-3", name: "정독자", token: true });
    await expect.poll(() => textOf(widget.locator(".m-account"))).toContain("정독자님으로 로그인됨");
    await widget.locator(".m-composer textarea").waitFor();
  });
});
