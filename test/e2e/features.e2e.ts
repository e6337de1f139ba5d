import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  admin,
  apiLogin,
  apiPost,
  apiReact,
  ARTIFACTS,
  articleUrl,
  card,
  countOf,
  freshContextPerTest,
  logInThroughWidget,
  openArticle,
  postThroughWidget,
  reload,
  shot,
  textOf,
  widgetOf,
} from "./helpers";

const context = freshContextPerTest();

const activeInside = (selector: string) => `!!document.activeElement && !!document.activeElement.closest(${JSON.stringify(selector)})`;

describe("two widgets on one page", () => {
  for (const sameSite of [false, true]) {
    it(`logs both in with the page's one SSO token, exchanged once (${sameSite ? "shared storage" : "storage denied"})`, async () => {
      const exchanges: number[] = [];
      context().on("response", (res) => res.url().endsWith("/api/v1/auth/sso") && exchanges.push(res.status()));
      const { page, widget } = await openArticle(context(), {
        article: `f-two-${sameSite}`,
        user: `two-${sameSite}`,
        name: "두위젯",
        token: true,
        second: true,
        sameSite,
      });
      const second = page.frameLocator("#comments-second iframe");
      await expect.poll(() => textOf(widget.locator(".m-account"))).toContain("두위젯님으로 로그인됨");
      await expect.poll(() => textOf(second.locator(".m-account"))).toContain("두위젯님으로 로그인됨");
      expect(exchanges).toEqual([200]);

      // Logging out in one logs out the other (they shared the session); the host's login
      // button then hands one new token to every widget: again one exchange.
      await widget.locator(".m-account button", { hasText: "로그아웃" }).click();
      await expect.poll(() => countOf(second.locator(".m-choose"))).toBe(1);
      await logInThroughWidget(widget);
      await expect.poll(() => textOf(second.locator(".m-account"))).toContain("두위젯님으로 로그인됨");
      await postThroughWidget(second, "두 번째 위젯에서 씁니다.");
      await card(second, "두 번째 위젯에서 씁니다.").waitFor();
      expect(exchanges).toEqual([200, 200]);
    });
  }
});

describe("reading, reporting and ignoring", () => {
  it("reports with a reason and hides the comment at once; ignores a user and shows them again", async () => {
    const troll = await apiLogin("main", "troll-1", "악플러");
    const polite = await apiLogin("main", "polite-1", "예의바른");
    await apiPost(troll, "f-report", "신고당할 댓글");
    await apiPost(troll, "f-report", "숨겨질 또 다른 댓글");
    await apiPost(polite, "f-report", "평범한 댓글");
    const { page, widget } = await openArticle(context(), { article: "f-report", user: "reporter-1", name: "신고자", sameSite: true });
    await logInThroughWidget(widget);

    await card(widget, "신고당할 댓글").locator("[data-k=report]").click();
    const dialog = widget.locator("dialog.m-dialog");
    await dialog.locator("label", { hasText: "욕설·비하" }).click();
    await dialog.locator("textarea").fill("심한 욕설입니다");
    await shot(page, "30-report-dialog");
    await dialog.locator("button[type=submit]").click();
    await expect.poll(() => countOf(dialog)).toBe(0);
    await expect.poll(() => countOf(card(widget, "신고당할 댓글"))).toBe(0);
    await expect.poll(() => textOf(widget.locator(".m-placeholder", { hasText: "신고한 댓글입니다" }))).toContain("신고가 접수되었습니다");
    const queue = await admin<{ items: { comment: { body: string }; reports: { reason: string; note: string | null }[] }[] }>(
      "/sites/e2e/moderation/queue?queue=reported",
    );
    const reported = queue.body.items.find((i) => i.comment.body === "신고당할 댓글");
    expect(reported?.reports.map((r) => [r.reason, r.note])).toEqual([["abuse", "심한 욕설입니다"]]);

    await card(widget, "숨겨질 또 다른 댓글").locator("[data-k=ignore]").click();
    await expect.poll(() => countOf(widget.locator(".m-placeholder", { hasText: "숨긴 사용자의 댓글입니다." }))).toBe(1);
    await expect.poll(() => countOf(card(widget, "숨겨질 또 다른 댓글"))).toBe(0);
    await shot(page, "31-reported-and-ignored");

    // Both are remembered in the frame's storage.
    const again = await reload(page);
    await expect.poll(() => countOf(again.widget.locator(".m-placeholder"))).toBe(2);
    await card(again.widget, "평범한 댓글").waitFor();
    await again.widget.locator("[data-k=unignore]").click();
    await card(again.widget, "숨겨질 또 다른 댓글").waitFor();
  });

  it("pages with 'more comments', loads more replies, and sorts by likes", async () => {
    const writers = await Promise.all([1, 2, 3].map((n) => apiLogin("main", `pager-${n}`, `작성자${n}`)));
    const posted = [];
    for (let i = 1; i <= 23; i++) posted.push(await apiPost(writers[i % 3]!, "f-paging", `${i}번째 의견입니다`));
    const threadRoot = posted[22]!; // newest: first on page 1
    for (let r = 1; r <= 5; r++) await apiPost(writers[r % 3]!, "f-paging", `${r}번째 답글입니다`, { parentId: threadRoot.id });
    // "5번째" is by 작성자3 (writers[2]); the other two like it.
    await apiReact(writers[0]!, posted[4]!.id, "like");
    await apiReact(writers[1]!, posted[4]!.id, "like");

    const { page, widget } = await openArticle(context(), { article: "f-paging" });
    await expect.poll(() => textOf(widget.locator("#m-title"))).toBe("댓글 28");
    expect(await countOf(widget.locator(".m-thread"))).toBe(20);
    const thread = widget.locator(`#item-${threadRoot.id}`);
    expect(await countOf(thread.locator(".m-reply-item"))).toBe(3);
    await thread.locator(".m-more-replies").click();
    await expect.poll(() => countOf(thread.locator(".m-reply-item"))).toBe(5);
    expect(await thread.locator(".m-more-replies").isHidden()).toBe(true);

    await widget.locator(".m-more").click();
    await expect.poll(() => countOf(widget.locator(".m-thread"))).toBe(23);
    expect(await widget.locator(".m-more").isHidden()).toBe(true);
    expect(await textOf(widget.locator(".m-thread").last().locator(".m-body"))).toBe("1번째 의견입니다");

    await widget.locator("#m-sort").selectOption("popular");
    await expect.poll(() => textOf(widget.locator(".m-thread .m-body"))).toBe("5번째 의견입니다");
    await expect.poll(() => textOf(widget.locator(".m-thread").first().locator("[data-k=like]"))).toBe("공감 2");
    await widget.locator("#m-sort").selectOption("oldest");
    await expect.poll(() => textOf(widget.locator(".m-thread .m-body"))).toBe("1번째 의견입니다");
    await shot(page, "32-paging-sorted");
  });
});

describe("keyboard, labels and language", () => {
  it("works from the keyboard: the dialog takes the focus, keeps it inside, and gives it back", async () => {
    const { widget, frame } = await openArticle(context(), { article: "f-keyboard", user: "kbd-1", name: "키보드" });
    await logInThroughWidget(widget);
    await postThroughWidget(widget, "키보드로 지울 댓글");
    const remove = card(widget, "키보드로 지울 댓글").locator("[data-k=delete]");
    await remove.focus();
    await remove.press("Enter");
    await widget.locator("dialog.m-dialog").waitFor();
    expect(await frame.evaluate(activeInside("dialog"))).toBe(true);
    // Tab and Shift+Tab cycle within the dialog (two buttons), never out to the page.
    for (const key of ["Tab", "Tab", "Tab", "Shift+Tab", "Shift+Tab", "Shift+Tab"]) {
      await frame.page().keyboard.press(key);
      expect(await frame.evaluate(activeInside("dialog"))).toBe(true);
    }
    await frame.page().keyboard.press("Escape");
    await expect.poll(() => countOf(widget.locator("dialog.m-dialog"))).toBe(0);
    expect(await frame.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.k)).toBe("delete");
    // Enter on the confirm button deletes.
    await remove.press("Enter");
    await widget.locator("dialog.m-dialog button[type=submit]").press("Enter");
    await expect.poll(() => countOf(card(widget, "키보드로 지울 댓글"))).toBe(0);

    // Every control has a name a screen reader can say.
    const unnamed = await frame.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>("button, textarea, select, input")]
        .filter((el) => ("labels" in el && (el as HTMLInputElement).labels?.length ? false : !(el.textContent ?? "").trim() && !el.getAttribute("aria-label")))
        .map((el) => el.outerHTML),
    );
    expect(unnamed).toEqual([]);
  });

  it("speaks English when the page asks for it", async () => {
    const other = await apiLogin("main", "en-writer", "Writer");
    await apiPost(other, "f-english", "An English comment");
    const { page, widget } = await openArticle(context(), { article: "f-english", lang: "en", user: "en-reader", name: "Reader" });
    await expect.poll(() => textOf(widget.locator("#m-title"))).toBe("1 comment");
    await expect.poll(() => textOf(widget.locator(".m-choose p"))).toBe("Select an account to comment");
    await logInThroughWidget(widget);
    await postThroughWidget(widget, "My own comment");
    await card(widget, "My own comment").locator("[data-k=delete]").click();
    await expect.poll(() => textOf(widget.locator("dialog .m-dialog-text"))).toBe("Deleted comments cannot be restored. Delete anyway?");
    await shot(page, "33-english-dialog");
    expect(await page.evaluate(() => document.querySelector("iframe")!.title)).toBe("Comments");
  });
});

describe("speed", () => {
  it("loads the comments only as the reader scrolls near them", async () => {
    await apiPost(await apiLogin("main", "lazy-writer", "느긋한"), "f-lazy", "아래에 있는 댓글");
    const page = await context().newPage();
    const frames: string[] = [];
    page.on("request", (req) => {
      if (req.url().includes("/embed/frame")) frames.push(req.url());
    });
    await page.goto(`${articleUrl({ article: "f-lazy" })}&below=1`);
    await page.waitForFunction(() => document.querySelector("#comments iframe") !== null);
    await page.waitForTimeout(1000);
    expect(frames).toHaveLength(0);
    expect(await page.locator("#comments iframe").getAttribute("loading")).toBe("lazy");
    // Scrolled into view until the frame is asked for: on a loaded machine the page may still be
    // laying out when the first scroll lands, and a lazy frame that left the viewport again waits.
    await expect
      .poll(async () => {
        await page.locator("#comments").scrollIntoViewIfNeeded();
        return frames.length;
      })
      .toBeGreaterThan(0);
    const { widget } = await widgetOf(page);
    await card(widget, "아래에 있는 댓글").waitFor();
    expect(frames).toHaveLength(1);
  });

  it("measures the time to first render, cold and warm", async () => {
    const writer = await apiLogin("main", "speed-writer", "속도");
    for (let i = 1; i <= 10; i++) await apiPost(writer, "f-speed", `속도 측정용 댓글 ${i}`);
    const rendered = async (page: import("playwright-core").Page) =>
      page.waitForFunction(() => (window as unknown as { renderedMs?: number }).renderedMs).then((h) => h.jsonValue() as Promise<number>);
    const { page } = await openArticle(context(), { article: "f-speed" });
    const cold = await rendered(page);
    const warm: number[] = [];
    for (let i = 0; i < 3; i++) {
      await reload(page);
      warm.push(await rendered(page));
    }
    const nav = await page.evaluate(() => {
      const entry = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      return { domContentLoaded: Math.round(entry.domContentLoadedEventEnd), load: Math.round(entry.loadEventEnd) };
    });
    const timing = {
      coldMs: cold,
      warmMs: warm,
      hostPage: nav,
      note: "ms from the host page's navigation start to the widget's first list render (wrangler dev on loopback)",
    };
    writeFileSync(`${ARTIFACTS}/timing.json`, `${JSON.stringify(timing, null, 2)}\n`);
    console.log(`widget first render: cold ${cold} ms, warm ${warm.join("/")} ms`);
    expect(cold).toBeLessThan(5000);
  });
});

describe("after a deploy", () => {
  /** Opens an article whose frame's on-demand chunk 404s `gone` times (a build a deploy removed), counting frame loads. */
  async function openWithChunkGone(article: string, gone: number) {
    const page = await context().newPage();
    const frames: string[] = [];
    page.on("request", (req) => {
      if (req.url().includes("/embed/frame")) frames.push(req.url());
    });
    let left = gone;
    await page.route("**/onDemand.*.js", (route) => (left-- > 0 ? route.fulfill({ status: 404, body: "" }) : route.continue()));
    await page.goto(articleUrl({ article, user: `${article}-reader`, name: "배포후", sameSite: true }));
    return { page, frames, ...(await widgetOf(page)) };
  }

  it("opens the frame again, fresh, when the chunk of the build it was opened with is gone, and then works", async () => {
    const { widget, frames } = await openWithChunkGone("f-deploy", 1);
    await widget.locator(".m-login").click();
    // The text box is in the on-demand chunk: the first try 404s, the frame reopens on a new URL and loads it.
    await expect.poll(() => frames.length).toBe(2);
    expect(frames[1]).toContain("&fresh");
    await widget.locator(".m-account button", { hasText: "로그아웃" }).waitFor();
    await postThroughWidget(widget, "배포 뒤에도 써지는 댓글");
    await card(widget, "배포 뒤에도 써지는 댓글").waitFor();
  });

  it("reopens only once when the chunk stays missing", async () => {
    const { page, widget, frames } = await openWithChunkGone("f-deploy-loop", 100);
    await widget.locator(".m-login").click();
    await expect.poll(() => frames.length).toBe(2);
    await page.waitForTimeout(1500);
    expect(frames).toHaveLength(2);
    await widget.locator("#m-list").waitFor({ state: "attached" });
  });
});
