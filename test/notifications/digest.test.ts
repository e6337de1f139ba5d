import { describe, expect, it } from "vitest";
import { renderDigest } from "../../src/notifications/email/digest";
import { LIKE_MILESTONES } from "../../src/notifications/milestones";

const item = (fields: Partial<Parameters<typeof renderDigest>[1][number]> = {}) => ({
  type: "reply" as const,
  actorName: "답글러",
  excerpt: "좋은 글입니다",
  reason: null,
  milestone: null,
  articleUrl: null,
  ...fields,
});

describe("renderDigest (plain-text notification e-mail)", () => {
  it("names one notification in the subject, and counts several", () => {
    expect(renderDigest("뉴스", [item()], "https://u").subject).toBe("[뉴스] 새 알림 / New notification");
    expect(renderDigest("뉴스", [item(), item()], "https://u").subject).toBe("[뉴스] 새 알림 2개 / 2 new notifications");
  });

  it("says who replied, why a comment was rejected and which milestone was reached, with the article's link and the unsubscribe link", () => {
    const { text } = renderDigest(
      "뉴스",
      [
        item({ articleUrl: "https://news.example/a1" }),
        item({ type: "rejected", actorName: null, reason: "광고", excerpt: "내 댓글" }),
        item({ type: "reactions", actorName: null, milestone: 50 }),
      ],
      "https://c.example/api/v1/notifications/unsubscribe?user=u&token=t",
    );
    expect(text).toContain("답글러님이 내 댓글에 답글을 달았습니다");
    expect(text).toContain("https://news.example/a1");
    expect(text).toContain("(사유: 광고)");
    expect(text).toContain("공감 50개");
    expect(text.trimEnd().endsWith("https://c.example/api/v1/notifications/unsubscribe?user=u&token=t")).toBe(true);
  });

  it("keeps the subject on one line whatever the site's name holds", () => {
    expect(renderDigest("뉴스\r\nBcc: x@example.com", [item()], "https://u").subject).not.toMatch(/[\r\n]/);
  });
});

describe("LIKE_MILESTONES", () => {
  it("are 10, 50, 100, 500… rising", () => {
    expect(LIKE_MILESTONES.slice(0, 6)).toEqual([10, 50, 100, 500, 1000, 5000]);
    expect([...LIKE_MILESTONES].sort((a, b) => a - b)).toEqual(LIKE_MILESTONES);
  });
});
