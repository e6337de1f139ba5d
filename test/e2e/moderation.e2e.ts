import { describe, expect, it } from "vitest";
import {
  admin,
  attrOf,
  card,
  countOf,
  freshContextPerTest,
  anonymousBodies,
  listAnonymously,
  WITHIN_FRESHNESS,
  logInThroughWidget,
  openArticle,
  postThroughWidget,
  reload,
  shot,
  textOf,
} from "./helpers";

const context = freshContextPerTest();

async function pendingId(body: string): Promise<string> {
  const res = await admin<{ items: { comment: { id: string; body: string } }[] }>("/sites/e2e/moderation/queue?queue=pending&limit=100");
  const item = res.body.items.find((i) => i.comment.body === body);
  if (!item) throw new Error(`'${body}' is not in the pending queue`);
  return item.comment.id;
}

describe("moderation as the reader sees it", () => {
  it("shows a held comment to its author as awaiting review, until a moderator approves or rejects it", async () => {
    await admin("/admin/sites/e2e/articles/m-premod", { method: "PATCH", json: { premoderation: "all" } });
    const { page, widget } = await openArticle(context(), { article: "m-premod", user: "mod-reader", name: "한독자", sameSite: true });
    await logInThroughWidget(widget);
    await postThroughWidget(widget, "검토를 기다리는 댓글");
    await expect.poll(() => textOf(card(widget, "검토를 기다리는 댓글").locator(".m-badge"))).toBe("검토 중 · 승인되면 다른 독자에게도 보입니다");
    await expect.poll(() => textOf(widget.locator(".m-composer .m-notice"))).toContain("검토 후 다른 독자에게 보입니다");
    await expect.poll(() => textOf(widget.locator("#m-title"))).toBe("댓글 0");
    await postThroughWidget(widget, "거절될 댓글");
    await card(widget, "거절될 댓글").waitFor();
    await shot(page, "10-pending");
    expect((await listAnonymously("m-premod")).body.comments).toHaveLength(0);

    const approved = await admin(`/moderation/comments/${await pendingId("검토를 기다리는 댓글")}/approve`, { method: "POST", json: {} });
    expect(approved.status).toBe(200);
    const rejected = await admin(`/moderation/comments/${await pendingId("거절될 댓글")}/reject`, { method: "POST", json: { reason: "test" } });
    expect(rejected.status).toBe(200);

    const after = await reload(page);
    await expect.poll(() => textOf(after.widget.locator("#m-title"))).toBe("댓글 1");
    await expect.poll(() => countOf(card(after.widget, "검토를 기다리는 댓글").locator(".m-badge"))).toBe(0);
    await expect.poll(() => countOf(card(after.widget, "거절될 댓글"))).toBe(0);
    await shot(after.widget.locator("html").page(), "11-approved");
    await expect.poll(() => anonymousBodies("m-premod"), WITHIN_FRESHNESS).toEqual(["검토를 기다리는 댓글"]);
  });

  it("says why a post was rejected, and keeps the text to revise", async () => {
    const { page, widget } = await openArticle(context(), { article: "m-reject", user: "rej-reader", name: "윤독자" });
    await logInThroughWidget(widget);
    await postThroughWidget(widget, "이건 forbiddenword 입니다");
    await expect.poll(() => textOf(widget.locator(".m-composer .m-notice"))).toBe("댓글이 등록되지 않았습니다: 금지어 포함");
    expect(await attrOf(widget.locator(".m-composer .m-notice"), "role")).toBe("alert");
    expect(await widget.locator(".m-composer textarea").inputValue()).toBe("이건 forbiddenword 입니다");
    expect(await countOf(widget.locator(".m-card"))).toBe(0);
    await shot(page, "12-rejected");
  });

  it("asks to revise a borderline comment, or to post it anyway for review (confirm: true)", async () => {
    const { page, widget } = await openArticle(context(), { article: "m-confirm", user: "conf-reader", name: "임독자" });
    await logInThroughWidget(widget);
    await postThroughWidget(widget, "조금 suspiciousword 같은 말");
    const notice = widget.locator(".m-composer .m-notice");
    await expect.poll(() => textOf(notice)).toContain("운영원칙에 어긋날 수 있는 표현이 있습니다 (주의가 필요한 표현)");
    await shot(page, "13-needs-confirmation");
    // Revise: the notice goes, the text stays in the box with the focus.
    await notice.locator("button", { hasText: "고쳐 쓰기" }).click();
    await expect.poll(() => countOf(notice.locator("p"))).toBe(0);
    expect(await widget.locator(".m-composer textarea").evaluate((el) => document.activeElement === el)).toBe(true);
    // Or post it anyway: held for review.
    await widget.locator(".m-composer button[type=submit]").click();
    await notice.locator("button", { hasText: "그대로 등록" }).click();
    await expect.poll(() => textOf(card(widget, "suspiciousword").locator(".m-badge"))).toContain("검토 중");
  });

  it("tells a reader who posts too often when to try again (429 Retry-After)", async () => {
    const { page, widget } = await openArticle(context(), { site: "strict", article: "m-limit", user: "fast-reader", name: "빠른독자" });
    await logInThroughWidget(widget);
    await postThroughWidget(widget, "첫 댓글");
    await card(widget, "첫 댓글").waitFor();
    await postThroughWidget(widget, "곧바로 두 번째 댓글");
    await expect
      .poll(() => textOf(widget.locator(".m-composer .m-notice")))
      .toMatch(/^너무 자주 작성하고 있습니다\. (2분|1\d\d초|\d+초) 후\(.+\)에 다시 시도하세요\.$/);
    expect(await widget.locator(".m-composer button[type=submit]").isDisabled()).toBe(true);
    await shot(page, "14-rate-limited");
  });
});
