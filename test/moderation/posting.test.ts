import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import { setScorer } from "../../src/moderation/scorer";
import { ADMIN, api, type ApiResponse, comment, createSite, list, login, post, refusal, type Rejection } from "../helpers";

type Site = Awaited<ReturnType<typeof createSite>>;
const pendingQueue = async (site: Site) => (await api(`/api/v1/sites/${site.id}/moderation/queue?queue=pending`, { headers: ADMIN })).body;
const rejection = (res: ApiResponse) => res.body.error.details as Rejection;
const codesOf = (res: ApiResponse) => rejection(res).reasons.map((r) => r.code);

afterEach(() => setScorer());

describe("posting through the moderation pipeline", () => {
  it.each([
    ["a Korean insult", "병신 같은 기사"],
    ["spaced and digit evasion", "개 1 새 끼 진짜"],
    ["initial consonants", "ㅂㅅ 기자 수준"],
    ["a near spelling", "빙신 기자"],
    ["English with dots", "you b.i.t.c.h"],
    ["English look-alikes", "what a fuckin j0ke, you b1tch"],
  ])("rejects %s with 422 and a reason code, keeping it for review", async (_, body) => {
    const site = await createSite();
    const reader = await login(site);
    const res = await post(site, reader, "art", { body });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("comment_rejected");
    expect(codesOf(res)).toEqual(["banned_words"]);
    expect((await list(site, "art")).body).toMatchObject({ comments: [], article: { commentCount: 0 } });
    const rejected = (await api(`/api/v1/sites/${site.id}/moderation/queue?queue=rejected`, { headers: ADMIN })).body;
    expect(rejected.items.map((i: { comment: { id: string } }) => i.comment.id)).toEqual([rejection(res).commentId]);
  });

  it.each([
    "시발점이 된 사건을 다시 보도합니다",
    "도시발전 계획에 대한 의견입니다",
    "The assistant secretary's class analysis was thorough",
    "정부 정책에 반대합니다. 근거가 부족합니다.",
  ])("publishes an innocent comment: %s", async (body) => {
    const site = await createSite();
    const res = await post(site, await login(site), "art", { body });
    expect(res.status).toBe(201);
    expect(res.body.comment.status).toBe("published");
  });

  it("asks before posting a suspect word, then holds the confirmed comment for review", async () => {
    const site = await createSite();
    const reader = await login(site);
    const warned = await post(site, reader, "art", { body: "기자는 그냥 닥쳐라" });
    expect(warned.status).toBe(422);
    expect(warned.body.error.code).toBe("needs_confirmation");
    // The classifier may also score it (reason `toxic`): "shut up" is rude.
    expect(codesOf(warned)).toContain("suspect_words");
    const stored = await env.DB.prepare("select count(*) as n from comments where site_id = ?").bind(site.id).first<{ n: number }>();
    expect(stored?.n).toBe(0);
    const confirmed = await post(site, reader, "art", { body: "기자는 그냥 닥쳐라", confirm: true });
    expect(confirmed.status).toBe(201);
    expect(confirmed.body.comment.status).toBe("pending");
    const queue = await pendingQueue(site);
    expect(queue.items[0].reasons).toContainEqual(expect.objectContaining({ source: "suspectWords", code: "suspect_words" }));
  });

  it("uses the site's own banned and suspect words on top of the built-in lists", async () => {
    const site = await createSite({ settings: { bannedWords: ["광고문의"], suspectWords: ["coupon"] } });
    const reader = await login(site);
    expect(refusal(await post(site, reader, "art", { body: "광 고 문 의 010-1234" }))).toEqual([422, "comment_rejected"]);
    expect((await post(site, reader, "art", { body: "Get a COUPON here" })).body.error.code).toBe("needs_confirmation");
  });

  it("rejects the same comment twice on one article", async () => {
    const site = await createSite();
    const reader = await login(site);
    await comment(site, reader, "art", "이 기사 내용에 동의합니다");
    const again = await post(site, reader, "art", { body: "이 기사  내용에 동의합니다!" });
    expect(refusal(again)).toEqual([422, "comment_rejected"]);
    expect(codesOf(again)).toEqual(["duplicate"]);
  });

  it("holds a comment with too many links", async () => {
    const site = await createSite({ settings: { maxLinks: 1 } });
    const reader = await login(site);
    const res = await post(site, reader, "art", { body: "https://a.example/1 and https://b.example/2" });
    expect(res.body.comment.status).toBe("pending");
  });

  it("holds what the classifier scores above the site's threshold, recording the score", async () => {
    setScorer({ score: async (text) => ({ toxic: text.includes("hostile") ? 0.97 : 0.05, spam: 0, labels: [] }) });
    const site = await createSite({ settings: { toxicityThreshold: 0.9 } });
    const reader = await login(site);
    expect((await post(site, reader, "art", { body: "a calm remark" })).body.comment.status).toBe("published");
    const warned = await post(site, reader, "art", { body: "a hostile remark" });
    expect(codesOf(warned)).toEqual(["toxic"]);
    const held = await post(site, reader, "art", { body: "a hostile remark", confirm: true });
    expect(held.body.comment.status).toBe("pending");
    expect((await pendingQueue(site)).items[0].comment.toxicity).toBeCloseTo(0.97);
  });

  it("pre-moderates a user's first comments in new-users mode", async () => {
    const site = await createSite({ settings: { premoderation: "new-users", newUserCommentCount: 1 } });
    const reader = await login(site);
    const first = await post(site, reader, "art", { body: "첫 댓글입니다" });
    expect(first.body.comment.status).toBe("pending");
    await api(`/api/v1/moderation/comments/${first.body.comment.id}/approve`, { method: "POST", headers: ADMIN });
    expect((await post(site, reader, "art", { body: "두 번째 댓글입니다" })).body.comment.status).toBe("published");
  });

  it("pre-moderates an author most of whose recent comments were rejected", async () => {
    const site = await createSite();
    const reader = await login(site);
    for (const body of ["one comment", "two comment", "three comment"]) {
      const c = await comment(site, reader, "art", body);
      await api(`/api/v1/moderation/comments/${c.id}/reject`, { method: "POST", headers: ADMIN, json: { reason: "spam" } });
    }
    expect((await post(site, reader, "art", { body: "fourth comment" })).body.comment.status).toBe("pending");
  });

  it("answers a retried rejected post with the same 422", async () => {
    const site = await createSite();
    const reader = await login(site);
    const headers = { "Idempotency-Key": "k1" };
    const first = await post(site, reader, "art", { body: "병신" }, headers);
    const again = await post(site, reader, "art", { body: "병신" }, headers);
    expect([refusal(first), refusal(again)]).toEqual([
      [422, "comment_rejected"],
      [422, "comment_rejected"],
    ]);
    expect(rejection(again).commentId).toBe(rejection(first).commentId);
  });

  it("audits every automatic decision", async () => {
    const site = await createSite();
    const reader = await login(site);
    await comment(site, reader, "art", "fine");
    await post(site, reader, "art", { body: "병신" });
    const log = (await api(`/api/v1/sites/${site.id}/moderation/log`, { headers: ADMIN })).body.entries;
    expect(log.map((e: { action: string; actorType: string }) => [e.action, e.actorType])).toEqual([
      ["auto_reject", "system"],
      ["auto_publish", "system"],
    ]);
    expect(log[0]).toMatchObject({ statusAfter: "rejected", reason: "banned_words", userId: reader.userId });
  });
});

describe("editing through the pipeline", () => {
  it("refuses an edit to a banned word and keeps the old text", async () => {
    const site = await createSite();
    const reader = await login(site);
    const c = await comment(site, reader, "art", "처음 쓴 댓글");
    const res = await api(`/api/v1/comments/${c.id}`, { method: "PATCH", headers: reader.auth, json: { body: "개새끼" } });
    expect(refusal(res)).toEqual([422, "comment_rejected"]);
    expect(codesOf(res)).toEqual(["banned_words"]);
    expect((await list(site, "art")).body.comments[0].body).toBe("처음 쓴 댓글");
  });

  it("takes an edited comment back to review when the new text is suspect and confirmed", async () => {
    const site = await createSite();
    const reader = await login(site);
    const c = await comment(site, reader, "art", "괜찮은 댓글");
    const edit = (json: unknown) => api(`/api/v1/comments/${c.id}`, { method: "PATCH", headers: reader.auth, json });
    expect((await edit({ body: "이 멍청이 기자" })).body.error.code).toBe("needs_confirmation");
    const res = await edit({ body: "이 멍청이 기자", confirm: true });
    expect(res.body.comment.status).toBe("pending");
    expect((await list(site, "art")).body.article.commentCount).toBe(0);
    expect((await pendingQueue(site)).counts.pending).toBe(1);
  });
});

describe("per-article pre-moderation", () => {
  it("holds comments on one article whose mode is 'all' while the site posts freely", async () => {
    const site = await createSite();
    const reader = await login(site);
    const set = await api(`/api/v1/admin/sites/${site.id}/articles/sensitive`, { method: "PATCH", headers: ADMIN, json: { premoderation: "all" } });
    expect(set.body.article).toMatchObject({ id: "sensitive", open: true, premoderation: "all" });
    expect((await post(site, reader, "sensitive", { body: "민감한 기사 댓글" })).body.comment.status).toBe("pending");
    expect((await post(site, reader, "ordinary", { body: "일반 기사 댓글" })).body.comment.status).toBe("published");
    await api(`/api/v1/admin/sites/${site.id}/articles/sensitive`, { method: "PATCH", headers: ADMIN, json: { premoderation: null } });
    expect((await post(site, reader, "sensitive", { body: "다시 자유롭게" })).body.comment.status).toBe("published");
    expect(refusal(await api(`/api/v1/admin/sites/${site.id}/articles/x`, { method: "PATCH", headers: ADMIN, json: {} }))).toEqual([400, "invalid_request"]);
  });
});
