import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ADMIN, api, comment, createSite, login, post, type Reader, refusal } from "../helpers";

type Site = Awaited<ReturnType<typeof createSite>>;
type Counts = { published: number; pending: number; rejected: number };

const act = (id: string, action: string, json: unknown = {}) => api(`/api/v1/moderation/comments/${id}/${action}`, { method: "POST", headers: ADMIN, json });
const queue = (site: Site, q: string) => api(`/api/v1/sites/${site.id}/moderation/queue?queue=${q}&limit=100`, { headers: ADMIN });

/** What the counters must equal: the author's live comments per status, counted the slow way. */
async function recount(userId: string): Promise<Counts> {
  const row = await env.DB.prepare(
    `select coalesce(sum(status = 'published'), 0) as published, coalesce(sum(status = 'pending'), 0) as pending, coalesce(sum(status = 'rejected'), 0) as rejected
     from comments where author_id = ? and deleted = 0`,
  )
    .bind(userId)
    .first<Counts>();
  return row!;
}

async function counters(userId: string): Promise<Counts | null> {
  return env.DB.prepare("select published_count as published, pending_count as pending, rejected_count as rejected from users where id = ?")
    .bind(userId)
    .first<Counts>();
}

async function expectExact(reader: Reader, expected: Counts) {
  expect(await recount(reader.userId)).toEqual(expected);
  expect(await counters(reader.userId)).toEqual(expected);
}

describe("per-author comment counters", () => {
  it("follow posting, moderation, edits and deletion exactly", async () => {
    const site = await createSite({ settings: { bannedWords: ["금지어"], suspectWords: ["수상한말"] } });
    const reader = await login(site, { name: "세는독자" });
    const other = await login(site);

    const a = await comment(site, reader, "art", "첫 댓글");
    const b = await comment(site, reader, "art", "둘째 댓글");
    const c = await comment(site, reader, "art", "셋째 댓글");
    await expectExact(reader, { published: 3, pending: 0, rejected: 0 });

    expect(refusal(await post(site, reader, "art", { body: "이건 금지어 포함" }))).toEqual([422, "comment_rejected"]);
    const held = await comment(site, reader, "art", "조금 수상한말 이네요", { confirm: true });
    await expectExact(reader, { published: 3, pending: 1, rejected: 1 });

    expect((await act(held.id, "approve")).status).toBe(200);
    expect((await act(a.id, "reject", { reason: "test" })).status).toBe(200);
    await expectExact(reader, { published: 3, pending: 0, rejected: 2 });
    expect((await act(a.id, "restore")).status).toBe(200);
    await expectExact(reader, { published: 4, pending: 0, rejected: 1 });

    // An edit the pipeline holds moves the comment from published to pending.
    const edited = await api(`/api/v1/comments/${b.id}`, { method: "PATCH", headers: reader.auth, json: { body: "고친 수상한말", confirm: true } });
    expect(edited.status).toBe(200);
    await expectExact(reader, { published: 3, pending: 1, rejected: 1 });

    // Deleted with a reply: a placeholder row stays, but it no longer counts; without replies: the row goes.
    await comment(site, other, "art", "답글", { parentId: c.id });
    expect((await api(`/api/v1/comments/${c.id}`, { method: "DELETE", headers: reader.auth })).status).toBe(204);
    expect((await api(`/api/v1/comments/${a.id}`, { method: "DELETE", headers: reader.auth })).status).toBe(204);
    await expectExact(reader, { published: 1, pending: 1, rejected: 1 });

    const item = (await queue(site, "pending")).body.items.find((i: { comment: { id: string } }) => i.comment.id === b.id);
    expect(item.author.history).toEqual({ published: 1, pending: 1, rejected: 1 });
  });

  it("let a queue page read a few rows per author, however many comments the author has written", async () => {
    const site = await createSite({ settings: { suspectWords: ["수상한말"] } });
    const prolific = await login(site);
    for (let i = 0; i < 150; i++) await comment(site, prolific, `art-${i % 5}`, `평범한 댓글 ${i}`);
    await comment(site, prolific, "art-0", "수상한말 하나", { confirm: true });
    const res = await queue(site, "pending");
    expect(res.status).toBe(200);
    expect(res.body.items[0].author.history).toEqual({ published: 150, pending: 1, rejected: 0 });
    // The page, the queue counters, and one row each for the author, article, ban and reports: not 151.
    expect(res.rowsRead).toBeLessThan(20);
  });
});
