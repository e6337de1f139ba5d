import { describe, expect, it } from "vitest";
import { moderate, phases } from "../../src/moderation/pipeline";
import type { AuthorHistory, ModerationInput } from "../../src/moderation/types";
import { siteSettingsSchema } from "../../src/sites/settings";
import { prepareForMatching } from "../../src/moderation/text/normalize";
import { holdThreshold } from "../../src/moderation/adaptation/holdThreshold";

const DAY = 24 * 3600 * 1000;
const now = Date.UTC(2026, 10, 28, 12);
const history = (h: Partial<AuthorHistory> = {}): AuthorHistory => ({
  publishedCount: 10,
  recentDecisions: 0,
  recentRejections: 0,
  sameTextSameArticle: 0,
  sameTextElsewhere: 0,
  sameTextAuthors: 0,
  ...h,
});

function input(body: string, overrides: Partial<ModerationInput> = {}, settings: Record<string, unknown> = {}): ModerationInput {
  const parsed = siteSettingsSchema.parse(settings);
  return {
    settings: parsed,
    holdThreshold: holdThreshold(parsed.toxicityThreshold, null).value,
    articlePremoderation: null,
    author: { id: "u1", moderates: false, createdAt: now - 30 * DAY },
    body,
    matchable: prepareForMatching(body),
    masked: null,
    history: history(),
    toxicity: null,
    isEdit: false,
    now,
    ...overrides,
  };
}

const codes = (i: ModerationInput, confirmed = false) => {
  const verdict = moderate(i, confirmed);
  return { status: verdict.status, codes: verdict.reasons.map((r) => r.code), needsConfirmation: verdict.needsConfirmation };
};

describe("the moderation pipeline", () => {
  it("publishes an ordinary Korean or English comment", () => {
    expect(codes(input("정부의 AI 투자 확대는 환영할 일입니다. 다만 인재 유출 대책도 필요합니다."))).toEqual({
      status: "published",
      codes: [],
      needsConfirmation: false,
    });
    expect(codes(input("Interesting analysis, though the figures for 2020 look off."))).toMatchObject({ status: "published" });
  });

  it("holds more links than the site allows, and any link from a new account", () => {
    const spam = "see https://a.example and www.b.example and c.com";
    expect(codes(input(spam))).toMatchObject({ status: "pending", codes: ["too_many_links"] });
    expect(codes(input(spam, {}, { maxLinks: 5 }))).toMatchObject({ status: "published" });
    const fresh = { author: { id: "u2", moderates: false, createdAt: now - 3600 * 1000 } };
    expect(codes(input("출처: https://news.example/1", fresh))).toMatchObject({ status: "pending", codes: ["link_from_new_account"] });
    expect(codes(input("출처: https://news.example/1"))).toMatchObject({ status: "published" });
  });

  it("follows the site's pre-moderation mode, overridden per article", () => {
    expect(codes(input("hello", {}, { premoderation: "all" }))).toMatchObject({ status: "pending", codes: ["premoderation"] });
    expect(codes(input("hello", { articlePremoderation: "off" }, { premoderation: "all" }))).toMatchObject({ status: "published" });
    expect(codes(input("hello", { articlePremoderation: "all" }))).toMatchObject({ status: "pending" });
    const newcomer = { history: history({ publishedCount: 2 }) };
    expect(codes(input("hello", newcomer, { premoderation: "new-users", newUserCommentCount: 3 }))).toMatchObject({ status: "pending", codes: ["new_user"] });
    expect(codes(input("hello", { history: history({ publishedCount: 3 }) }, { premoderation: "new-users", newUserCommentCount: 3 }))).toMatchObject({
      status: "published",
    });
  });

  it("rejects the same text twice on one article, holds copies elsewhere and floods", () => {
    const text = "이 기사는 정말 편파적인 기사입니다 구독 취소합니다";
    expect(codes(input(text, { history: history({ sameTextSameArticle: 1 }) }))).toMatchObject({ status: "rejected", codes: ["duplicate"] });
    expect(codes(input(text, { history: history({ sameTextElsewhere: 2 }) }))).toMatchObject({ status: "pending", codes: ["repeated"] });
    expect(codes(input(text, { history: history({ sameTextAuthors: 2 }) }))).toMatchObject({ status: "pending", codes: ["flooding"] });
    expect(codes(input("감사합니다", { history: history({ sameTextElsewhere: 5, sameTextAuthors: 9 }) }))).toMatchObject({ status: "published" });
  });

  it("pre-moderates authors with a high recent rejection rate, once there are enough decisions", () => {
    expect(codes(input("hi", { history: history({ recentDecisions: 3, recentRejections: 1 }) }))).toMatchObject({ status: "pending", codes: ["low_trust"] });
    expect(codes(input("hi", { history: history({ recentDecisions: 2, recentRejections: 2 }) }))).toMatchObject({ status: "published" });
    expect(codes(input("hi", { history: history({ recentDecisions: 10, recentRejections: 2 }) }))).toMatchObject({ status: "published" });
    expect(codes(input("hi", { history: history({ recentDecisions: 10, recentRejections: 2 }) }, { rejectionRateThreshold: 0.2 }))).toMatchObject({
      status: "pending",
    });
  });

  it("pre-moderates accounts younger than the site's minimum age", () => {
    const young = { author: { id: "u3", moderates: false, createdAt: now - 60_000 } };
    expect(codes(input("hi", young, { minAccountAgeSeconds: 3600 }))).toMatchObject({ status: "pending", codes: ["new_account"] });
    expect(codes(input("hi", young))).toMatchObject({ status: "published" });
  });

  it("asks before posting a comment the classifier scores high, and holds it once confirmed", () => {
    const toxic = input("whatever", { toxicity: 0.93 }, { toxicityThreshold: 0.8 });
    expect(codes(toxic)).toEqual({ status: "pending", codes: ["toxic"], needsConfirmation: true });
    expect(codes(toxic, true)).toEqual({ status: "pending", codes: ["toxic"], needsConfirmation: false });
    expect(codes(input("whatever", { toxicity: 0.5 }))).toMatchObject({ status: "published" });
  });

  it("stops at the first reject, keeping the reasons found so far", () => {
    const i = input("x".repeat(20), { history: history({ sameTextSameArticle: 1 }) }, { premoderation: "all" });
    const verdict = moderate(i, false);
    expect(verdict.status).toBe("rejected");
    expect(verdict.reasons.map((r) => r.code)).not.toContain("premoderation");
  });

  it("lets moderators' own comments through", () => {
    const i = input(
      "https://a.example https://b.example https://c.example",
      { author: { id: "m", moderates: true, createdAt: now } },
      { premoderation: "all" },
    );
    expect(codes(i)).toMatchObject({ status: "published", codes: [] });
  });

  it("holds intensifier profanity by default, asking the author first, and never rejects it", () => {
    expect(codes(input("저거 존나 비싸던데"))).toEqual({ status: "pending", codes: ["profanity"], needsConfirmation: true });
    expect(codes(input("저거 존나 비싸던데"), true)).toEqual({ status: "pending", codes: ["profanity"], needsConfirmation: false });
  });

  it("rejects intensifier profanity on a site whose policy is reject", () => {
    expect(codes(input("저거 존나 비싸던데", {}, { profanity: "reject" }))).toEqual({ status: "rejected", codes: ["profanity"], needsConfirmation: false });
  });

  it("publishes masked on a site whose policy is mask, once the author confirms", () => {
    const masked = input("저거 존나 비싸던데", { masked: "저거 ○○○ 비싸던데" }, { profanity: "mask" });
    expect(moderate(masked, false)).toMatchObject({ status: "published", needsConfirmation: true, masked: true });
    expect(moderate(masked, true)).toMatchObject({ status: "published", needsConfirmation: false, masked: true });
    expect(moderate(masked, true).reasons).toEqual([expect.objectContaining({ source: "profanityWords", action: "mask", code: "profanity" })]);
  });

  it("holds instead of masking when the words could not be located", () => {
    expect(codes(input("저거 존나 비싸던데", { masked: null }, { profanity: "mask" }))).toMatchObject({ status: "pending", codes: ["profanity"] });
  });

  it("still rejects insults and slurs whatever the profanity policy", () => {
    for (const profanity of ["reject", "hold", "mask"]) {
      expect(codes(input("병신 같은 기사", { masked: "x" }, { profanity })).status).toBe("rejected");
    }
  });

  it("runs every phase in a fixed order", () => {
    expect(phases.map((p) => p.name)).toEqual([
      "bannedWords",
      "profanityWords",
      "repeatedContent",
      "links",
      "suspectWords",
      "toxicity",
      "premoderation",
      "trust",
    ]);
  });
});

describe("copyKey (what counts as the same text)", () => {
  it("ignores case, width, spacing and punctuation but not numbers", async () => {
    const { copyKey } = await import("../../src/moderation/moderateComment");
    expect(copyKey("이 기사  내용에 동의합니다!")).toBe(copyKey("이 기사 내용에 동의합니다"));
    expect(copyKey("ＡＧＲＥＥ with this")).toBe(copyKey("agree, with this."));
    expect(copyKey("I agree with point 1")).not.toBe(copyKey("I agree with point 11"));
    expect(copyKey("Bench comment 12")).not.toBe(copyKey("Bench comment 21"));
  });
});
