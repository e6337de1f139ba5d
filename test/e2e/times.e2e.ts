import { describe, expect, it } from "vitest";
import { apiLogin, apiPost, card, freshContextPerTest, openArticle, textOf } from "./helpers";

const context = freshContextPerTest({ locale: "ko-KR" });

describe("relative times in the list", () => {
  it("move on as the minutes pass, without a reload", async () => {
    // The page's clock runs as usual until the test jumps it forward.
    await context().clock.install();
    const writer = await apiLogin("main", "time-writer", "시계");
    await apiPost(writer, "t-times", "시간이 흐르는 댓글");
    const { widget } = await openArticle(context(), { article: "t-times" });
    const time = card(widget, "시간이 흐르는 댓글").locator("time");
    expect(await textOf(time)).toBe("방금");
    await context().clock.fastForward("03:00");
    await expect.poll(() => textOf(time)).toBe("3분 전");
    await context().clock.fastForward("01:00:00");
    await expect.poll(() => textOf(time)).toBe("1시간 전");
  });
});
