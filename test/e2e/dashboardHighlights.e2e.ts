/** Pins (고정), features (추천) and badges (배지) given from the dashboard reach readers through the public API. */
import { describe, expect, it } from "vitest";
import { admin, apiLogin, apiPost, countOf, freshContextPerTest, service, sites, textOf } from "./helpers";
import { dashShot, heldComments, itemCard, logInAsAdmin, openDashboard, openQueueAsModerator } from "./dashboardHelpers";

const context = freshContextPerTest({ viewport: { width: 1100, height: 900 } });

interface PublicComment {
  id: string;
  author: { badges: string[] } | null;
}

/** The article's comments as readers get them (past the edge cache). */
async function publicList(article: string): Promise<{ pinned: PublicComment[]; comments: PublicComment[] }> {
  const res = await fetch(`${service}/api/v1/sites/${sites.main.id}/articles/${article}/comments?limit=20`, { headers: { "Cache-Control": "no-cache" } });
  return res.json() as Promise<{ pinned: PublicComment[]; comments: PublicComment[] }>;
}

describe("pin, feature and badges from the dashboard", () => {
  it("pins and features a published comment, says why a fourth pin is refused, and gives the author badges", async () => {
    const article = "d-highlights";
    const bodies = ["대시보드에서 고정할 댓글", "둘째 고정 댓글", "셋째 고정 댓글", "넷째는 고정 못 함"];
    const posted = await heldComments(article, { sub: "highlight-writer", name: "배지독자" }, bodies);
    for (const comment of posted) expect((await admin(`/moderation/comments/${comment.id}/approve`, { method: "POST", json: {} })).status).toBe(200);
    const [first, second, third] = posted;

    const { page, problems } = await openQueueAsModerator(context(), "approved");
    const item = itemCard(page, bodies[0]!);
    const pin = item.locator("button[data-action=pin]");
    expect(await pin.getAttribute("aria-pressed")).toBe("false");
    // From the keyboard: the button is a real button.
    await pin.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => textOf(item.locator(".notice"))).toBe("댓글을 고정했습니다.");
    expect(await textOf(item.locator("button[data-action=pin]"))).toBe("고정 해제");
    expect(await item.locator("button[data-action=pin]").getAttribute("aria-pressed")).toBe("true");
    expect(await item.locator(".meta .badge.mark").allTextContents()).toEqual(["고정됨"]);
    expect(await item.locator("button[data-action=pin]").evaluate((el) => el === document.activeElement)).toBe(true);
    await expect.poll(async () => (await publicList(article)).pinned.map((c) => c.id)).toEqual([first!.id]);

    await item.getByRole("button", { name: "추천", exact: true }).click();
    await expect.poll(() => textOf(item.locator(".notice"))).toBe("추천 댓글로 지정했습니다.");
    expect(await item.locator(".meta .badge.mark").allTextContents()).toEqual(["고정됨", "추천 댓글"]);

    // Two more pins elsewhere: the article is full, and the fourth card says so with the pins.
    for (const other of [second!, third!]) expect((await admin(`/moderation/comments/${other.id}/pin`, { method: "POST" })).status).toBe(200);
    const fourth = itemCard(page, bodies[3]!);
    await fourth.getByRole("button", { name: "고정", exact: true }).click();
    await expect.poll(() => textOf(fourth.locator(".notice"))).toContain("고정 댓글은 기사당 3개까지입니다.");
    // The pins are named by their text, and the cards pinned meanwhile show it.
    expect(await textOf(fourth.locator(".notice"))).toContain("“대시보드에서 고정할 댓글”");
    expect(await textOf(fourth.locator(".notice"))).toContain("“둘째 고정 댓글”");
    expect(await fourth.locator("button[data-action=pin]").getAttribute("aria-pressed")).toBe("false");
    expect(await itemCard(page, bodies[1]!).locator("button[data-action=pin]").getAttribute("aria-pressed")).toBe("true");
    await dashShot(page, "20-too-many-pins");

    // Badges: the dialog starts from the author's (none yet), checks before sending, then saves and shows them.
    await item.getByRole("button", { name: "배지독자님의 배지 편집" }).click();
    const dialog = page.getByRole("dialog", { name: "배지독자님의 배지" });
    const input = dialog.getByLabel("배지 (쉼표로 구분)");
    await expect.poll(() => input.isEditable()).toBe(true);
    expect(await input.inputValue()).toBe("");
    await input.fill("하나, 둘, 셋, 넷");
    await dialog.getByRole("button", { name: "저장" }).click();
    expect(await textOf(dialog.locator(".error"))).toBe("배지는 3개까지입니다.");
    await input.fill("우수 댓글러, 전문가");
    await dialog.getByRole("button", { name: "저장" }).click();
    await expect.poll(() => countOf(dialog)).toBe(0);
    expect(await textOf(item.locator(".notice"))).toBe("배지독자님의 배지: 우수 댓글러, 전문가");
    await expect
      .poll(async () => {
        const list = await publicList(article);
        return [...list.pinned, ...list.comments].map((c) => c.author?.badges);
      })
      .toSatisfy((all: unknown[]) => all.length > 0 && all.every((b) => JSON.stringify(b) === JSON.stringify(["우수 댓글러", "전문가"])));
    // Opened again, the dialog shows the badges the author has now, ready to edit.
    await item.getByRole("button", { name: "배지독자님의 배지 편집" }).click();
    const again = page.getByRole("dialog", { name: "배지독자님의 배지" });
    await expect.poll(() => again.getByLabel("배지 (쉼표로 구분)").inputValue()).toBe("우수 댓글러, 전문가");
    expect(await again.getByLabel("배지 (쉼표로 구분)").isEditable()).toBe(true);
    await again.getByRole("button", { name: "취소" }).click();
    await expect.poll(() => countOf(again)).toBe(0);

    // Unpinning from the dashboard frees a place.
    await item.locator("button[data-action=pin]").click();
    await expect.poll(() => textOf(item.locator(".notice"))).toBe("고정을 해제했습니다.");
    await expect.poll(async () => (await publicList(article)).pinned.map((c) => c.id).sort()).toEqual([second!.id, third!.id].sort());
    expect(problems).toEqual({ errors: [], dialogs: [] });
  });

  it("gives badges to a user found in the admin's user search, and the API's 400 is said in words", async () => {
    const name = `배지검색${Date.now().toString(36)}`;
    const session = await apiLogin("main", `dash-badges-${name}`, name, { badges: ["칼럼니스트"] });
    const article = "d-search-badges";
    await apiPost(session, article, "검색으로 배지 받을 댓글");

    const { page, problems } = await openDashboard(context(), { site: sites.main.id, view: "moderators" });
    await logInAsAdmin(page);
    const query = page.getByLabel("이름(앞부분) 또는 사용자 id");
    await query.fill(name);
    await query.press("Enter");
    const found = page.locator(".find-users li.person", { hasText: name });
    await found.getByRole("button", { name: `${name}님의 배지 편집` }).click();
    const dialog = page.getByRole("dialog", { name: `${name}님의 배지` });
    const input = dialog.getByLabel("배지 (쉼표로 구분)");
    // The claim's badge is shown apart: moderators give their own beside it.
    await expect
      .poll(() => textOf(dialog.locator(".hint", { hasText: "칼럼니스트" })))
      .toBe("사이트 로그인(SSO)이 준 배지도 보입니다: 칼럼니스트 (사이트 로그인에서만 바꿀 수 있습니다)");
    expect(await input.inputValue()).toBe("");
    // Invisible text passes the client's check; the API refuses it, and the dialog says so.
    await input.fill("\u200b");
    await input.press("Enter");
    await expect.poll(() => textOf(dialog.locator(".error"))).toBe("저장하지 못했습니다. 배지에는 보이는 글자가 있어야 하고 20자 이하여야 합니다.");
    await input.fill("스무자를넘는아주아주긴배지이름입니다정말로요");
    await input.press("Enter");
    await expect.poll(() => textOf(dialog.locator(".error"))).toContain("20자를 넘습니다");
    await input.fill("기자");
    await input.press("Enter");
    await expect.poll(() => countOf(dialog)).toBe(0);
    expect(await textOf(page.locator(".find-users .status"))).toBe(`${name}님의 배지: 칼럼니스트, 기자`);
    await expect.poll(async () => (await publicList(article)).comments.find((c) => c.author)?.author?.badges).toEqual(["칼럼니스트", "기자"]);
    // Opened again: the badge moderators gave, ready to edit.
    await found.getByRole("button", { name: `${name}님의 배지 편집` }).click();
    await expect.poll(() => input.inputValue()).toBe("기자");
    await input.press("Escape");
    await expect.poll(() => countOf(dialog)).toBe(0);
    expect(problems).toEqual({ errors: [], dialogs: [] });
  });
});
