import { describe, expect, it } from "vitest";
import { admin, freshContextPerTest, sites, textOf } from "./helpers";
import { dashShot, heldComments, itemCard, openQueueAsModerator } from "./dashboardHelpers";

const context = freshContextPerTest({ viewport: { width: 1100, height: 900 } });

interface Adaptation {
  labels: { abusive: number; clean: number };
  threshold: { value: number; source: string };
}
const adaptation = async () => (await admin<{ adaptation: Adaptation }>(`/sites/${sites.main.id}/moderation/adaptation`)).body.adaptation;

describe("learning from moderators in the dashboard", () => {
  it("shows what pushed a held comment's score, learns the rejection, and resets after a confirm", async () => {
    const text = "너 같은 쓰레기 댓글은 꺼져라 학습용";
    await heldComments("d-adaptation", { sub: "adapt-writer", name: "학습독자" }, [text], { confirm: true });
    const { page, problems } = await openQueueAsModerator(context(), "pending", "adapt-moderator");
    const item = itemCard(page, text);
    await item.waitFor();
    const chips = item.locator(".explanation .ngrams li");
    await expect.poll(() => chips.count()).toBeGreaterThan(0);
    expect(await textOf(item.locator(".explanation h4"))).toBe("점수를 움직인 표현");
    // The strongest push towards abusive names n-grams of the comment's own words.
    const strongest = await item.locator(".explanation .push-up .ngram").first().textContent();
    expect(strongest?.split(" · ").some((ngram) => text.replace(/\s/g, "").includes(ngram.replace(/\s/g, "")))).toBe(true);
    await dashShot(page, "20-explanation");

    const before = await adaptation();
    // The score is marked toxic against the site's threshold in use, not a fixed 0.7.
    const score = item.locator("p.meta span", { hasText: "유해성" });
    const shown = Number((await textOf(score)).replace(/[^0-9.]/g, ""));
    expect(await score.evaluate((el) => el.classList.contains("toxic"))).toBe(shown >= before.threshold.value);
    await item.locator("[data-action=reject]").click();
    await item.waitFor({ state: "detached" });
    await expect.poll(async () => (await adaptation()).labels.abusive).toBe(before.labels.abusive + 1);

    await page.locator("nav.tabs [data-view=settings]").click();
    const panel = page.locator("section.adaptation");
    await expect.poll(() => textOf(panel.locator("h3"))).toBe("운영자 결정에서 배우기");
    const total = before.labels.abusive + before.labels.clean + 1;
    await expect.poll(() => textOf(panel.locator("dd").first())).toBe(`${total}개 (유해 ${before.labels.abusive + 1}, 허용 ${before.labels.clean})`);
    expect(await textOf(panel.locator(".threshold"))).toBe(before.threshold.value.toFixed(2));
    expect(await panel.locator("dd").nth(1).textContent()).toContain("기본 모델의 값");
    await dashShot(page, "21-adaptation-panel");

    // Cancelling the confirmation keeps everything; confirming forgets it.
    await panel.getByRole("button", { name: "학습 초기화" }).click();
    const dialog = page.getByRole("dialog");
    await expect.poll(() => textOf(dialog.locator("h2, h3").first())).toBe("E2E 뉴스의 학습을 초기화할까요?");
    await dialog.getByRole("button", { name: "취소" }).click();
    expect((await adaptation()).labels.abusive).toBe(before.labels.abusive + 1);
    await panel.getByRole("button", { name: "학습 초기화" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "학습 초기화" }).click();
    await expect.poll(() => textOf(panel.locator("dd").first())).toBe("0개 (유해 0, 허용 0)");
    expect(await textOf(panel.locator(".status"))).toBe("학습을 초기화했습니다.");
    expect((await adaptation()).labels).toEqual({ abusive: 0, clean: 0, neededTotal: 200, neededPerClass: 30 });
    expect(problems.errors).toEqual([]);
  });
});
