import { describe, expect, it } from "vitest";
import { ADMIN, api, comment, createSite, login, type Reader, viaEdge } from "../helpers";

type Listed = { id: string; body: string | null; status: string; mine: boolean; myReaction: string | null; replies: Listed[] };

/** An article's first page read with the edge cache on, as `reader` or anonymously. */
const pageOf = (site: { id: string }, article: string, reader?: Reader) =>
  viaEdge<{ article: { commentCount: number }; comments: Listed[] }>(`/api/v1/sites/${site.id}/articles/${article}/comments`, reader?.auth);

describe("a signed-in reader's overlay on the cached public page", () => {
  it("shows the writer their new comment at once, while anonymous readers get the cached page until it is refreshed", async () => {
    const site = await createSite();
    const writer = await login(site);
    await comment(site, writer, "fresh", "먼저 달린 댓글입니다");
    expect((await pageOf(site, "fresh")).headers.get("X-Cache")).toBe("MISS");
    const mine = await comment(site, writer, "fresh", "방금 쓴 내 댓글입니다");

    const seen = await pageOf(site, "fresh", writer);
    expect(seen.body.comments.map((c) => c.id)[0]).toBe(mine.id);
    expect(seen.body.comments[0]).toMatchObject({ mine: true, status: "published", body: "방금 쓴 내 댓글입니다" });
    expect(seen.body.comments).toHaveLength(2);

    const anonymous = await pageOf(site, "fresh");
    expect(anonymous.headers.get("X-Cache")).toBe("HIT");
    expect(anonymous.text).not.toContain("방금 쓴 내 댓글입니다");
  });

  it("shows the author their pending reply under its parent and their edit, and nobody else", async () => {
    const site = await createSite();
    const [author, other] = [await login(site), await login(site)];
    const parent = await comment(site, other, "held", "원래 댓글입니다");
    const edited = await comment(site, author, "held", "고치기 전 내 댓글");
    await pageOf(site, "held");
    await api(`/api/v1/admin/sites/${site.id}`, { method: "PATCH", headers: ADMIN, json: { settings: { premoderation: "all" } } });
    const reply = await api(`/api/v1/sites/${site.id}/articles/held/comments`, {
      method: "POST",
      headers: author.auth,
      json: { body: "검토를 기다리는 답글입니다", parentId: parent.id },
    });
    expect(reply.body.comment.status).toBe("pending");
    await api(`/api/v1/comments/${edited.id}`, { method: "PATCH", headers: author.auth, json: { body: "고친 뒤 내 댓글" } });

    const own = await pageOf(site, "held", author);
    const parentSeen = own.body.comments.find((c) => c.id === parent.id)!;
    expect(parentSeen.replies.map((r) => [r.id, r.status, r.mine])).toEqual([[reply.body.comment.id, "pending", true]]);
    expect(own.body.comments.find((c) => c.id === edited.id)).toMatchObject({ body: "고친 뒤 내 댓글", mine: true });

    const theirs = await pageOf(site, "held", other);
    expect(theirs.text).not.toContain("검토를 기다리는 답글입니다");
    expect(theirs.body.comments.find((c) => c.id === parent.id)).toMatchObject({ mine: true, replies: [] });
  });

  it("keeps the replies under the viewer's own comment changed since the page was made", async () => {
    const site = await createSite();
    const [author, other] = [await login(site), await login(site)];
    const own = await comment(site, author, "own-replies", "답글이 달린 내 댓글");
    const reply = await comment(site, other, "own-replies", "내 댓글에 단 답글", { parentId: own.id });
    await pageOf(site, "own-replies");
    await api(`/api/v1/comments/${own.id}`, { method: "PATCH", headers: author.auth, json: { body: "고친 내 댓글" } });

    const seen = await pageOf(site, "own-replies", author);
    expect(seen.body.comments[0]).toMatchObject({ id: own.id, body: "고친 내 댓글", mine: true });
    expect(seen.body.comments[0]!.replies.map((r) => r.id)).toEqual([reply.id]);
  });

  it("shows the author their comment approved after the cached page was made, with the article's count as it is now", async () => {
    const site = await createSite({ settings: { premoderation: "all" } });
    const author = await login(site);
    const held = await api(`/api/v1/sites/${site.id}/articles/approved/comments`, {
      method: "POST",
      headers: author.auth,
      json: { body: "승인을 기다리는 댓글" },
    });
    await pageOf(site, "approved");
    const approved = await api(`/api/v1/moderation/comments/${held.body.comment.id}/approve`, { method: "POST", headers: ADMIN, json: {} });
    expect(approved.status).toBe(200);
    const seen = await pageOf(site, "approved", author);
    expect(seen.body.comments.map((c) => [c.id, c.status, c.mine])).toEqual([[held.body.comment.id, "published", true]]);
    expect(seen.body.article.commentCount).toBe(1);
    expect((await pageOf(site, "approved")).body.comments).toEqual([]);
  });

  it("marks the viewer's reactions on the cached page, in one D1 call", async () => {
    const site = await createSite();
    const [author, reader] = [await login(site), await login(site)];
    const liked = await comment(site, author, "react", "공감받을 댓글입니다");
    await api(`/api/v1/comments/${liked.id}/reaction`, { method: "PUT", headers: reader.auth, json: { value: "like" } });
    await pageOf(site, "react");
    const seen = await pageOf(site, "react", reader);
    expect(seen.body.comments[0]).toMatchObject({ id: liked.id, myReaction: "like", mine: false });
    expect(seen.calls).toBe(1);
    expect(seen.headers.get("Cache-Control")).toBe("private, no-store");
  });

  it("refuses an unknown session, and shows another site's reader the public page", async () => {
    const [site, elsewhere] = [await createSite(), await createSite()];
    await comment(site, await login(site), "mixed", "공개된 댓글입니다");
    await pageOf(site, "mixed");
    const unknown = await viaEdge(`/api/v1/sites/${site.id}/articles/mixed/comments`, { Authorization: "Bearer mgs_not-a-session" });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.code).toBe("invalid_session");
    const stranger = await pageOf(site, "mixed", await login(elsewhere));
    expect(stranger.status).toBe(200);
    expect(stranger.body.comments.map((c) => c.mine)).toEqual([false]);
  });
});
