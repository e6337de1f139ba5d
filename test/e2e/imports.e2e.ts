import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { countOf, freshContextPerTest, sites, textOf } from "./helpers";
import { dashShot, logInAsAdmin, openDashboard, openQueueAsModerator } from "./dashboardHelpers";

/** The fixtures the API tests use. */
const FIXTURES = new URL("../imports/fixtures", import.meta.url).pathname;

const context = freshContextPerTest({ viewport: { width: 1100, height: 900 } });

describe("imports in the dashboard", () => {
  it("uploads a WordPress export and follows it to done, with its counts and errors", async () => {
    const { page, problems } = await openDashboard(context(), { site: sites.main.id, view: "imports" });
    await logInAsAdmin(page);
    await page.locator("nav.tabs button[aria-current=page]", { hasText: "가져오기" }).waitFor();
    await page.getByLabel("형식").selectOption("wxr");
    await page.getByLabel("내보내기 파일").setInputFiles({
      name: "wordpress.xml",
      mimeType: "application/xml",
      buffer: await readFile(`${FIXTURES}/wxr-messy.xml`),
    });
    await page.locator(".import-form").getByRole("button", { name: "가져오기" }).click();
    const done = page.locator("li.import[data-status=done]").first();
    await done.waitFor({ timeout: 30_000 });
    expect(await textOf(done)).toContain("댓글 3개, 기사 1개, 작성자 3명, 거부 1개, 건너뜀 3개");
    await done.locator("summary").click();
    expect(await textOf(done.locator(".import-errors"))).toContain("pingback skipped");
    await dashShot(page, "20-imports");
    expect(problems).toEqual({ errors: [], dialogs: [] });
  });

  it("takes a finished import back after a confirmation, and follows it to taken back", async () => {
    const { page, problems } = await openDashboard(context(), { site: sites.main.id, view: "imports" });
    await logInAsAdmin(page);
    await page.getByLabel("형식").selectOption("disqus");
    await page
      .getByLabel("내보내기 파일")
      .setInputFiles({ name: "disqus.xml", mimeType: "application/xml", buffer: await readFile(`${FIXTURES}/disqus-messy.xml`) });
    await page.locator(".import-form").getByRole("button", { name: "가져오기" }).click();
    const newest = page.locator("li.import", { hasText: "disqus ·" }).first();
    await expect.poll(() => newest.getAttribute("data-status"), { timeout: 30_000 }).toBe("done");
    expect(await textOf(newest)).toContain("댓글 6개");
    await newest.getByRole("button", { name: /가져오기 되돌리기$/ }).click();
    const dialog = page.getByRole("dialog", { name: "이 가져오기를 되돌릴까요?" });
    expect(await textOf(dialog)).toContain("되돌린 뒤에는 복구할 수 없습니다");
    await dialog.getByRole("button", { name: "되돌리기" }).click();
    await expect.poll(() => newest.getAttribute("data-status"), { timeout: 30_000 }).toBe("rolled_back");
    expect(await textOf(newest)).toContain("되돌림 (아무것도 남기지 않음)");
    expect(await countOf(newest.getByRole("button"))).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("imports-title");
    expect(problems).toEqual({ errors: [], dialogs: [] });
  });

  it("shows no imports tab to a moderator's own session", async () => {
    const { page } = await openQueueAsModerator(context());
    expect(await countOf(page.locator("nav.tabs [data-view=imports]"))).toBe(0);
  });
});
