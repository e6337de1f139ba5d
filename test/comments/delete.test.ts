import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, comment, createSite, list, login, refusal } from "../helpers";

const remove = (id: string, auth: Record<string, string>) => api(`/api/v1/comments/${id}`, { method: "DELETE", headers: auth });
const row = (id: string) => env.DB.prepare("select * from comments where id = ?").bind(id).first<Record<string, unknown>>();
const count = async (site: { id: string }, article: string) => (await list(site, article)).body.article.commentCount as number;

describe("DELETE /api/v1/comments/:id", () => {
  it("removes a comment without replies entirely, text included", async () => {
    const site = await createSite();
    const reader = await login(site);
    const c = await comment(site, reader, "art", "비밀 이야기");
    const res = await remove(c.id, reader.auth);
    expect(res.status).toBe(204);
    expect(await row(c.id)).toBeNull();
    const dump = await env.DB.prepare("select count(*) as n from comments where body like '%비밀%'").first<{ n: number }>();
    expect(dump?.n).toBe(0);
    expect((await list(site, "art")).body.comments).toEqual([]);
    expect(await count(site, "art")).toBe(0);
  });

  it("keeps a comment with replies as a placeholder whose text is erased from D1", async () => {
    const site = await createSite();
    const [a, b] = [await login(site), await login(site)];
    const parent = await comment(site, a, "art", "지워질 본문");
    const reply = await comment(site, b, "art", "reply", { parentId: parent.id });
    expect((await remove(parent.id, a.auth)).status).toBe(204);
    const stored = await row(parent.id);
    expect(stored).toMatchObject({ body: null, deleted: 1 });
    const listed = (await list(site, "art")).body;
    expect(listed.comments[0]).toMatchObject({ id: parent.id, deleted: true, body: null, author: null, mine: false });
    expect(listed.comments[0].replies.map((r: { id: string }) => r.id)).toEqual([reply.id]);
    expect(listed.article.commentCount).toBe(1);
  });

  it("removes a placeholder once its last reply is deleted", async () => {
    const site = await createSite();
    const [a, b] = [await login(site), await login(site)];
    const parent = await comment(site, a, "art", "parent");
    const reply = await comment(site, b, "art", "reply", { parentId: parent.id });
    await remove(parent.id, a.auth);
    await remove(reply.id, b.auth);
    expect(await row(parent.id)).toBeNull();
    expect((await list(site, "art")).body.comments).toEqual([]);
    expect(await count(site, "art")).toBe(0);
  });

  it("keeps counts exact after posts, replies and deletions", async () => {
    const site = await createSite();
    const [a, b] = [await login(site), await login(site)];
    const p1 = await comment(site, a, "art", "p1");
    const p2 = await comment(site, a, "art", "p2");
    const r1 = await comment(site, b, "art", "r1", { parentId: p1.id });
    await comment(site, b, "art", "r2", { parentId: p1.id });
    expect(await count(site, "art")).toBe(4);
    await remove(r1.id, b.auth);
    expect(await count(site, "art")).toBe(3);
    await remove(p1.id, a.auth);
    expect(await count(site, "art")).toBe(2);
    await remove(p2.id, a.auth);
    expect(await count(site, "art")).toBe(1);
    const top = (await list(site, "art")).body.comments;
    expect(top).toHaveLength(1);
    expect(top[0]).toMatchObject({ id: p1.id, deleted: true, replyCount: 1 });
    const counts = await api(`/api/v1/sites/${site.id}/counts?articles=art`);
    expect(counts.body.counts).toEqual({ art: 1 });
  });

  it("counts once when the same comment is deleted twice at once", async () => {
    const site = await createSite();
    const reader = await login(site);
    await comment(site, reader, "art", "stays");
    const c = await comment(site, reader, "art", "goes");
    const results = await Promise.all([remove(c.id, reader.auth), remove(c.id, reader.auth), remove(c.id, reader.auth)]);
    expect(results.map((r) => r.status).sort()).toEqual([204, 404, 404]);
    expect(results.filter((r) => r.status === 404).map((r) => r.body.error.code)).toEqual(["comment_not_found", "comment_not_found"]);
    expect(await count(site, "art")).toBe(1);
  });

  it("answers 404 when deleting twice", async () => {
    const site = await createSite();
    const reader = await login(site);
    const c = await comment(site, reader, "art", "x");
    await remove(c.id, reader.auth);
    const again = await remove(c.id, reader.auth);
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe("comment_not_found");
  });

  it("refuses to delete another reader's comment", async () => {
    const site = await createSite();
    const [owner, other] = [await login(site), await login(site)];
    const c = await comment(site, owner, "art", "mine");
    const res = await remove(c.id, other.auth);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("forbidden");
    expect(res.body.error.message).toMatch(/own comments/); // the author-only rule, not a moderator check
    expect((await row(c.id))?.body).toBe("mine");
  });

  it("lets a moderator of the site delete, but not a moderator of another site", async () => {
    const site = await createSite();
    const other = await createSite();
    const author = await login(site);
    const c = await comment(site, author, "art", "rule-breaking");
    const foreignModerator = await login(other, { role: "moderator" });
    const foreign = await remove(c.id, foreignModerator.auth);
    expect(refusal(foreign)).toEqual([403, "wrong_site"]);
    expect((await row(c.id))?.body).toBe("rule-breaking");
    const moderator = await login(site, { role: "moderator" });
    expect((await remove(c.id, moderator.auth)).status).toBe(204);
    expect(await row(c.id)).toBeNull();
  });

  it("removes the reactions and reports of a removed comment", async () => {
    const site = await createSite();
    const [a, b] = [await login(site), await login(site)];
    const c = await comment(site, a, "art", "x");
    await api(`/api/v1/comments/${c.id}/reaction`, { method: "PUT", headers: b.auth, json: { value: "like" } });
    await api(`/api/v1/comments/${c.id}/reports`, { method: "POST", headers: b.auth, json: { reason: "spam" } });
    await remove(c.id, a.auth);
    const left = await env.DB.prepare(
      "select (select count(*) from reactions where comment_id = ?1) + (select count(*) from reports where comment_id = ?1) as n",
    )
      .bind(c.id)
      .first<{ n: number }>();
    expect(left?.n).toBe(0);
  });

  it("requires a session", async () => {
    const site = await createSite();
    const c = await comment(site, await login(site), "art", "x");
    expect(refusal(await api(`/api/v1/comments/${c.id}`, { method: "DELETE" }))).toEqual([401, "unauthenticated"]);
  });
});
