import { describe, expect, it } from "vitest";
import { ADMIN, api, comment, createSite, login, post, type Reader, refusal, viaEdge } from "../helpers";

interface History {
  user: { id: string; name: string; badges: string[]; commentCount: number; likesReceived: number; joinedAt: string };
  comments: { id: string; body: string | null; articleId: string; article: { id: string; title: string | null; url: string | null }; mine: boolean }[];
  nextCursor: string | null;
}

const history = (site: { id: string }, userId: string, query = "") => api<History>(`/api/v1/sites/${site.id}/users/${userId}/comments${query}`);
const like = (reader: Reader, id: string) => api(`/api/v1/comments/${id}/reaction`, { method: "PUT", headers: reader.auth, json: { value: "like" } });

describe("GET /api/v1/sites/:site/users/:userId/comments (댓글 이력)", () => {
  it("shows the author — comment count, 공감 received, join date, badges — and their published comments newest first", async () => {
    const site = await createSite();
    const author = await login(site, { name: "이력독자" });
    const first = await comment(site, author, "a1", "첫 번째 댓글", { title: "기사 제목", url: "https://news.example/a1" });
    const second = await comment(site, author, "a2", "두 번째 댓글");
    for (let i = 0; i < 3; i++) await like(await login(site), first.id);
    await like(await login(site), second.id);
    const res = await history(site, author.userId);
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({ id: author.userId, name: "이력독자", badges: [], commentCount: 2, likesReceived: 4, joinedAt: expect.any(String) });
    expect(res.body.comments.map((c) => [c.id, c.articleId])).toEqual([
      [second.id, "a2"],
      [first.id, "a1"],
    ]);
    expect(res.body.comments[1]!.article).toEqual({ id: "a1", title: "기사 제목", url: "https://news.example/a1" });
    expect(res.body.nextCursor).toBeNull();
  });

  it("shows the author's badges: the SSO claim's, then those a moderator gave", async () => {
    const site = await createSite();
    const reporter = await login(site, { name: "김기자", badges: ["기자"] });
    await comment(site, reporter, "a1", "기자의 댓글입니다");
    const granted = await api(`/api/v1/sites/${site.id}/users/${reporter.userId}/badges`, { method: "PUT", headers: ADMIN, json: { badges: ["전문가"] } });
    expect(granted.status).toBe(200);
    expect((await history(site, reporter.userId)).body.user.badges).toEqual(["기자", "전문가"]);
  });

  it("never shows deleted, held or rejected comments, and counts only published 공감", async () => {
    const site = await createSite();
    const author = await login(site);
    const kept = await comment(site, author, "a1", "남을 댓글입니다");
    const deleted = await comment(site, author, "a1", "지울 댓글입니다");
    await like(await login(site), deleted.id);
    await api(`/api/v1/comments/${deleted.id}`, { method: "DELETE", headers: author.auth });
    const rejected = await comment(site, author, "a1", "거절될 댓글입니다");
    await api(`/api/v1/moderation/comments/${rejected.id}/reject`, { method: "POST", headers: ADMIN, json: {} });
    await api(`/api/v1/admin/sites/${site.id}`, { method: "PATCH", headers: ADMIN, json: { settings: { premoderation: "all" } } });
    const held = await post(site, author, "a2", { body: "보류된 댓글입니다" });
    expect(held.body.comment.status).toBe("pending");
    const res = await history(site, author.userId);
    expect(res.body.comments.map((c) => c.id)).toEqual([kept.id]);
    expect(res.body.user).toMatchObject({ commentCount: 1, likesReceived: 0 });
  });

  it("keeps likesReceived exact through a rejection, a restore and a liker's account deletion", async () => {
    const site = await createSite();
    const author = await login(site);
    const c = await comment(site, author, "a1", "공감 받을 댓글");
    const [fan, other] = [await login(site), await login(site)];
    await like(fan, c.id);
    await like(other, c.id);
    const received = async () => (await history(site, author.userId)).body.user.likesReceived;
    expect(await received()).toBe(2);
    await api(`/api/v1/moderation/comments/${c.id}/reject`, { method: "POST", headers: ADMIN, json: {} });
    expect(await received()).toBe(0);
    await api(`/api/v1/moderation/comments/${c.id}/restore`, { method: "POST", headers: ADMIN, json: {} });
    expect(await received()).toBe(2);
    expect((await api("/api/v1/me", { method: "DELETE", headers: fan.auth })).status).toBe(204);
    expect(await received()).toBe(1);
  });

  it("pages with a cursor (each comment once) that another author's history refuses", async () => {
    const site = await createSite();
    const [author, other] = [await login(site), await login(site)];
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await comment(site, author, "a1", `이력 댓글 ${i}`)).id);
    const first = await history(site, author.userId, "?limit=2");
    const seen = first.body.comments.map((c) => c.id);
    let cursor = first.body.nextCursor;
    while (cursor) {
      const page = await history(site, author.userId, `?limit=2&cursor=${encodeURIComponent(cursor)}`);
      seen.push(...page.body.comments.map((c) => c.id));
      cursor = page.body.nextCursor;
    }
    expect(seen).toEqual(ids.reverse());
    expect(refusal(await history(site, other.userId, `?cursor=${encodeURIComponent(first.body.nextCursor!)}`))).toEqual([400, "invalid_cursor"]);
  });

  it("reads the same rows for a page of a prolific author as of a new one, in one round trip", async () => {
    const site = await createSite();
    const [few, many] = [await login(site), await login(site)];
    for (let i = 0; i < 5; i++) await comment(site, few, "a1", `적은 댓글 ${i}`);
    for (let i = 0; i < 40; i++) await comment(site, many, `a${i % 4}`, `많은 댓글 ${i}`);
    const [small, large] = [await history(site, few.userId, "?limit=3"), await history(site, many.userId, "?limit=3")];
    expect(Number(large.headers.get("X-D1-Calls"))).toBe(1);
    expect(large.rowsRead).toBe(small.rowsRead);
  });

  it("answers 403 history_disabled when the site turned publicHistory off", async () => {
    const site = await createSite({ settings: { publicHistory: false } });
    const author = await login(site);
    await comment(site, author, "a1", "비공개 이력 댓글");
    expect(refusal(await history(site, author.userId))).toEqual([403, "history_disabled"]);
  });

  it("answers 404 user_not_found for an unknown reader or one of another site", async () => {
    const [site, other] = [await createSite(), await createSite()];
    const stranger = await login(other);
    expect(refusal(await history(site, "nobody"))).toEqual([404, "user_not_found"]);
    expect(refusal(await history(site, stranger.userId))).toEqual([404, "user_not_found"]);
    expect(refusal(await history({ id: "no-such-site" }, stranger.userId))).toEqual([404, "site_not_found"]);
  });

  it("is served from the edge for anonymous readers", async () => {
    const site = await createSite();
    const author = await login(site);
    await comment(site, author, "a1", "캐시될 이력 댓글");
    const path = `/api/v1/sites/${site.id}/users/${author.userId}/comments`;
    const first = await viaEdge(path);
    const second = await viaEdge(path);
    expect(first.headers.get("Cache-Control")).toContain("public");
    expect(second.headers.get("X-Cache")).toBe("HIT");
    expect(second.calls).toBe(0);
  });
});
