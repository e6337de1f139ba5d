import type { FrameLocator } from "playwright-core";
import { describe, expect, it } from "vitest";
import { admin, apiLogin, apiPost, apiReact, card, countOf, freshContextPerTest, openArticle, reload, shot, textOf } from "./helpers";

const context = freshContextPerTest();

/** The bodies of the top-level cards, in the order shown. */
const bodies = (widget: FrameLocator) => widget.locator(".m-thread > .m-card .m-body").allTextContents();

/** Readers who react (a reader cannot react to their own comment). */
const reactors = (prefix: string, n: number) => Promise.all(Array.from({ length: n }, (_, i) => apiLogin("main", `${prefix}-${i}`, `독자${i}`)));

describe("sorts: 순공감순, 공감비율순, 답글순", () => {
  it("offers the new orders and lists by them", async () => {
    const article = "rf-sorts";
    const writer = await apiLogin("main", "rf-sorts-writer", "작성자");
    const [a, b, c] = [
      await apiPost(writer, article, "가 의견: 공감 셋 비공감 둘"),
      await apiPost(writer, article, "나 의견: 공감 둘"),
      await apiPost(writer, article, "다 의견: 답글 둘"),
    ];
    const readers = await reactors("rf-sorts", 5);
    for (const r of readers.slice(0, 3)) await apiReact(r, a.id, "like");
    for (const r of readers.slice(3, 5)) await apiReact(r, a.id, "dislike");
    for (const r of readers.slice(0, 2)) await apiReact(r, b.id, "like");
    for (const r of readers.slice(0, 2)) await apiPost(r, article, "답글입니다", { parentId: c.id });

    const { page, widget } = await openArticle(context(), { article });
    const options = await widget.locator("#m-sort option").allTextContents();
    expect(options).toEqual(["최신순", "오래된순", "공감순", "순공감순", "공감비율순", "답글순", "추천 댓글"]);
    // net: 나 +2, 가 +1, 다 0
    await widget.locator("#m-sort").selectOption("net");
    await expect.poll(() => bodies(widget)).toEqual(["나 의견: 공감 둘", "가 의견: 공감 셋 비공감 둘", "다 의견: 답글 둘"]);
    // ratio (the site's default of 10 reactions: none qualifies): 나 1.0, 가 0.6, 다 0
    await widget.locator("#m-sort").selectOption("ratio");
    await expect.poll(() => bodies(widget)).toEqual(["나 의견: 공감 둘", "가 의견: 공감 셋 비공감 둘", "다 의견: 답글 둘"]);
    await widget.locator("#m-sort").selectOption("replies");
    await expect.poll(() => textOf(widget.locator(".m-thread > .m-card .m-body"))).toBe("다 의견: 답글 둘");
    expect(await widget.locator("#m-sort").evaluate((el) => document.activeElement === el)).toBe(true);
    await shot(page, "60-sorts");
  });
});

describe("pinned, featured and badges", () => {
  it("shows pinned comments first marked 고정됨, badges beside names, and the 추천 view", async () => {
    const article = "rf-pinned";
    const reporter = await apiLogin("main", "rf-reporter", "김기자", { badges: ["기자"] });
    const reader = await apiLogin("main", "rf-plain", "보통독자");
    const old = await apiPost(reporter, article, "기자가 단 오래된 댓글");
    const featured = await apiPost(reader, article, "추천할 만한 댓글");
    await apiPost(reader, article, "가장 최근 댓글");
    expect((await admin(`/moderation/comments/${old.id}/pin`, { method: "POST" })).status).toBe(200);
    expect((await admin(`/moderation/comments/${featured.id}/feature`, { method: "POST" })).status).toBe(200);

    const { page, widget } = await openArticle(context(), { article });
    const first = widget.locator(".m-thread").first();
    await expect.poll(() => textOf(first.locator(".m-body"))).toBe("기자가 단 오래된 댓글");
    expect(await first.locator(".m-mark").allTextContents()).toEqual(["고정됨"]);
    expect(await first.locator(".m-badges").getAttribute("aria-label")).toBe("배지");
    expect(await first.locator(".m-badges .m-tag").allTextContents()).toEqual(["기자"]);
    // Shown once, first: not again at its place in the newest-first list.
    expect(await countOf(card(widget, "기자가 단 오래된 댓글"))).toBe(1);
    expect(await bodies(widget)).toEqual(["기자가 단 오래된 댓글", "가장 최근 댓글", "추천할 만한 댓글"]);
    expect(await card(widget, "추천할 만한 댓글").locator(".m-mark").allTextContents()).toEqual(["추천 댓글"]);

    await widget.locator("#m-sort").selectOption("featured");
    // The 추천 view: the featured comments only.
    await expect.poll(() => bodies(widget)).toEqual(["추천할 만한 댓글"]);
    await shot(page, "61-pinned-featured-badges");
  });
});

describe("moderators in the widget", () => {
  it("lets a moderator pin (고정) and feature (추천) from the card; readers get no such buttons", async () => {
    const article = "rf-moderate";
    const writer = await apiLogin("main", "rf-mod-writer", "작성자");
    await apiPost(writer, article, "고정될 오래된 댓글");
    await apiPost(writer, article, "최근 댓글");
    const reader = await openArticle(context(), { article, user: "rf-mod-reader", name: "독자", token: true });
    await expect.poll(() => textOf(reader.widget.locator(".m-account"))).toContain("독자님으로 로그인됨");
    expect(await countOf(reader.widget.locator("[data-k=pin]"))).toBe(0);

    const { page, widget } = await openArticle(context(), { article, user: "rf-mod", name: "편집자", token: true, moderator: true });
    await expect.poll(() => textOf(widget.locator(".m-account"))).toContain("편집자님으로 로그인됨");
    const old = card(widget, "고정될 오래된 댓글");
    await old.locator("[data-k=pin]").click();
    await expect.poll(() => old.locator(".m-mark").allTextContents()).toEqual(["고정됨"]);
    expect(await old.locator("[data-k=pin]").getAttribute("aria-pressed")).toBe("true");
    expect(await textOf(old.locator("[data-k=pin]"))).toBe("고정 해제");
    await old.locator("[data-k=feature]").click();
    await expect.poll(() => old.locator(".m-mark").allTextContents()).toEqual(["고정됨", "추천 댓글"]);

    const again = await reload(page);
    await expect.poll(() => bodies(again.widget)).toEqual(["고정될 오래된 댓글", "최근 댓글"]);
    await shot(page, "64-moderator-pins");
  });
});

describe("folding (댓글 접기)", () => {
  it("folds a comment for the reader, shows it as 접힌 댓글입니다 · 펼치기, and remembers it", async () => {
    const article = "rf-fold";
    const other = await apiLogin("main", "rf-fold-other", "다른독자");
    await apiPost(other, article, "접을 댓글입니다");
    // The page carries the reader's token, so they are logged in again after the reload.
    const { page, widget } = await openArticle(context(), { article, user: "rf-folder", name: "접는독자", token: true });
    await expect.poll(() => textOf(widget.locator(".m-account"))).toContain("접는독자님으로 로그인됨");
    const target = widget.locator(".m-thread").first();
    const foldButton = target.locator("[data-k=fold]");
    await expect.poll(() => textOf(foldButton)).toBe("접기");
    await foldButton.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => textOf(target.locator(".m-placeholder p"))).toBe("접힌 댓글입니다");
    const open = target.locator("[data-k=open]");
    expect(await textOf(open)).toBe("펼치기");
    expect(await open.getAttribute("aria-expanded")).toBe("false");
    await open.click();
    await expect.poll(() => textOf(target.locator(".m-body"))).toBe("접을 댓글입니다");
    expect(await textOf(target.locator("[data-k=fold]"))).toBe("접기 취소");
    expect(await target.locator("[data-k=fold]").getAttribute("aria-pressed")).toBe("true");

    const again = await reload(page);
    await expect.poll(() => textOf(again.widget.locator(".m-account"))).toContain("접는독자님으로 로그인됨");
    await expect.poll(() => textOf(again.widget.locator(".m-thread").first().locator(".m-placeholder p"))).toBe("접힌 댓글입니다");
    await again.widget.locator("[data-k=open]").click();
    await again.widget.locator("[data-k=fold]").click();
    await expect.poll(() => textOf(again.widget.locator(".m-thread").first().locator("[data-k=fold]"))).toBe("접기");
    await shot(page, "62-folding");
  });
});

describe("theme", () => {
  const colours = (widget: FrameLocator) =>
    widget.locator("#m-title").evaluate(() => {
      const root = getComputedStyle(document.documentElement);
      return { fg: root.color, scheme: root.colorScheme, accent: root.getPropertyValue("--accent").trim() };
    });

  it("is light by default, dark with data-theme=dark, and takes the site's accent colour", async () => {
    const article = "rf-theme";
    const light = await openArticle(context(), { article });
    expect(await colours(light.widget)).toEqual({ fg: "rgb(29, 29, 31)", scheme: "light", accent: "#0b57d0" });
    const dark = await openArticle(context(), { article, theme: "dark", accent: "#c0392b" });
    expect(await colours(dark.widget)).toEqual({ fg: "rgb(232, 232, 234)", scheme: "dark", accent: "#c0392b" });
    expect(await dark.page.locator("#comments iframe").evaluate((f) => getComputedStyle(f).colorScheme)).toBe("dark");
    await shot(dark.page, "63-dark-theme");
  });

  it("follows the reader's dark system setting unless the page says light", async () => {
    const article = "rf-theme-auto";
    const auto = await openArticle(context(), { article });
    await auto.page.emulateMedia({ colorScheme: "dark" });
    await expect.poll(() => colours(auto.widget)).toMatchObject({ fg: "rgb(232, 232, 234)", scheme: "dark" });
    const forcedLight = await openArticle(context(), { article, theme: "light" });
    await forcedLight.page.emulateMedia({ colorScheme: "dark" });
    expect(await colours(forcedLight.widget)).toMatchObject({ fg: "rgb(29, 29, 31)", scheme: "light" });
  });
});
