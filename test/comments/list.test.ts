import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { newId } from "../../src/lib/ids";
import { api, type ApiResponse, comment, createSite, detailPaths, list, login, refusal, type Reader } from "../helpers";

type Listed = { id: string; body: string | null; likes: number; replies: Listed[]; status: string; mine: boolean; myReaction: string | null };
type Page = { comments: Listed[]; nextCursor: string | null };

/** Follows nextCursor to the end, returning every page's comments. */
async function allPages(site: { id: string }, article: string, query: string, onPage?: (n: number) => Promise<void>) {
  const pages: Listed[][] = [];
  let cursor: string | null = null;
  do {
    const res: ApiResponse<Page> = await list(site, article, `${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    expect(res.status).toBe(200);
    pages.push(res.body.comments);
    cursor = res.body.nextCursor;
    await onPage?.(pages.length);
  } while (cursor);
  return pages;
}

/** Writes comments straight into D1 (faster than the API for large threads). */
async function seedComments(siteId: string, articleId: string, authorId: string, n: number, status = "published", start = Date.now() - n * 1000) {
  const rows = Array.from({ length: n }, (_, i) => ({ id: newId(start + i * 1000), at: start + i * 1000, i }));
  await env.DB.batch([
    env.DB.prepare("insert or ignore into articles (site_id, id, open, comment_count, created_at) values (?, ?, 1, 0, ?)").bind(siteId, articleId, start),
    ...rows.map((r) =>
      env.DB.prepare(
        "insert into comments (id, site_id, article_id, parent_id, author_id, body, status, deleted, likes, dislikes, reply_count, report_count, created_at) values (?, ?, ?, null, ?, ?, ?, 0, ?, 0, 0, 0, ?)",
      ).bind(r.id, siteId, articleId, authorId, `seeded ${r.i}`, status, r.i % 7, r.at),
    ),
    env.DB.prepare("update articles set comment_count = comment_count + ? where site_id = ? and id = ?").bind(
      status === "published" ? n : 0,
      siteId,
      articleId,
    ),
  ]);
  return rows.map((r) => r.id);
}

describe("GET /api/v1/sites/:site/articles/:article/comments", () => {
  it("lists an article with no comments yet", async () => {
    const site = await createSite();
    const res = await list(site, "fresh");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ pinned: [], article: { id: "fresh", commentCount: 0, open: true, url: null, title: null }, comments: [], nextCursor: null });
  });

  it("orders newest first by default, oldest and popular on request", async () => {
    const site = await createSite();
    const [a, b] = [await login(site), await login(site)];
    const first = await comment(site, a, "art", "first");
    const second = await comment(site, a, "art", "second");
    const third = await comment(site, a, "art", "third");
    await api(`/api/v1/comments/${second.id}/reaction`, { method: "PUT", headers: b.auth, json: { value: "like" } });
    const ids = async (q: string) => (await list(site, "art", q)).body.comments.map((c: Listed) => c.id);
    expect(await ids("")).toEqual([third.id, second.id, first.id]);
    expect(await ids("?sort=oldest")).toEqual([first.id, second.id, third.id]);
    expect(await ids("?sort=popular")).toEqual([second.id, third.id, first.id]);
  });

  it.each(["newest", "oldest", "popular"])("returns every comment exactly once across pages while new ones arrive (%s)", async (sort) => {
    const site = await createSite();
    const reader = await login(site);
    const seeded = await seedComments(site.id, "busy", reader.userId, 57);
    const pages = await allPages(site, "busy", `?sort=${sort}&limit=10`, async () => {
      await comment(site, reader, "busy", `arrived while paging ${crypto.randomUUID()}`);
    });
    const seen = pages.flat().map((c) => c.id);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((id) => seeded.includes(id)).sort()).toEqual([...seeded].sort());
    expect(pages.slice(0, -1).every((p) => p.length === 10)).toBe(true);
  });

  it("reads O(page size) rows from D1, however long the thread", async () => {
    const site = await createSite();
    const reader = await login(site);
    await seedComments(site.id, "small", reader.userId, 25);
    await seedComments(site.id, "large", reader.userId, 600);
    for (const sort of ["newest", "oldest", "popular"]) {
      const small = await list(site, "small", `?sort=${sort}&limit=20`);
      const large = await list(site, "large", `?sort=${sort}&limit=20`);
      expect(large.rowsRead).toBeGreaterThanOrEqual(20);
      expect(large.rowsRead).toBeLessThanOrEqual(small.rowsRead + 2);
      expect(large.rowsRead).toBeLessThan(60);
      const deep = await list(site, "large", `?sort=${sort}&limit=20&cursor=${encodeURIComponent(large.body.nextCursor)}`);
      expect(deep.rowsRead).toBeLessThan(60);
    }
  });

  it("caps limit at 100 and rejects bad paging input", async () => {
    const site = await createSite();
    const cases = [
      ["?limit=0", "limit"],
      ["?limit=101", "limit"],
      ["?limit=abc", "limit"],
      ["?sort=best", "sort"],
    ] as const;
    for (const [q, field] of cases) {
      const res = await list(site, "art", q);
      expect(refusal(res), q).toEqual([400, "invalid_request"]);
      expect(detailPaths(res), q).toEqual([field]);
    }
    expect(refusal(await list(site, "art", "?cursor=not-a-cursor"))).toEqual([400, "invalid_cursor"]);
    expect((await list(site, "art", "?limit=100")).status).toBe(200);
  });

  it("refuses a cursor made for another sort", async () => {
    const site = await createSite();
    const reader = await login(site);
    await seedComments(site.id, "art", reader.userId, 5);
    const page = await list(site, "art", "?sort=newest&limit=2");
    const res = await list(site, "art", `?sort=oldest&cursor=${encodeURIComponent(page.body.nextCursor)}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_cursor");
  });

  it("shows pending comments to their author only, marked pending", async () => {
    const site = await createSite();
    const [author, other] = [await login(site), await login(site)];
    await comment(site, other, "art", "published one");
    const [pendingId] = await seedComments(site.id, "art", author.userId, 1, "pending", Date.now() + 5000);
    const seenBy = async (reader?: Reader) => (await list(site, "art", "", reader)).body.comments as Listed[];
    expect((await seenBy()).map((c) => c.id)).not.toContain(pendingId);
    expect((await seenBy(other)).map((c) => c.id)).not.toContain(pendingId);
    const own = await seenBy(author);
    expect(own[0]).toMatchObject({ id: pendingId, status: "pending", mine: true });
    expect(own).toHaveLength(2);
    expect((await list(site, "art")).body.article.commentCount).toBe(1);
  });

  it("pages through the author's pending comments merged with published ones", async () => {
    const site = await createSite();
    const [author, other] = [await login(site), await login(site)];
    const start = Date.now() - 100_000;
    const published = await seedComments(site.id, "art", other.userId, 7, "published", start);
    const pending = await seedComments(site.id, "art", author.userId, 6, "pending", start + 500);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: ApiResponse<Page> = await list(site, "art", `?limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, author);
      seen.push(...res.body.comments.map((c) => c.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...published, ...pending].sort().reverse());
  });

  it("embeds the first replies and pages the rest with ?parent=", async () => {
    const site = await createSite();
    const [a, b] = [await login(site), await login(site)];
    const parent = await comment(site, a, "art", "parent");
    const replies = [];
    for (let i = 0; i < 7; i++) replies.push((await comment(site, b, "art", `reply ${i}`, { parentId: parent.id })).id);
    const top = (await list(site, "art")).body.comments[0];
    expect(top.replyCount).toBe(7);
    expect(top.replies.map((r: Listed) => r.id)).toEqual(replies.slice(0, 3));
    expect(top.repliesCursor).toEqual(expect.any(String));
    const rest = await list(site, "art", `?parent=${parent.id}&cursor=${encodeURIComponent(top.repliesCursor)}&limit=10`);
    expect(rest.body.comments.map((r: Listed) => r.id)).toEqual(replies.slice(3));
    expect(rest.body.nextCursor).toBeNull();
    const all = await list(site, "art", `?parent=${parent.id}&limit=5`);
    expect(all.body.comments.map((r: Listed) => r.id)).toEqual(replies.slice(0, 5));
  });

  it("answers 404 for replies of an unknown parent or one from another article", async () => {
    const site = await createSite();
    const reader = await login(site);
    const elsewhere = await comment(site, reader, "other", "x");
    for (const parent of [elsewhere.id, "NOPE"]) {
      const res = await list(site, "art", `?parent=${parent}`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("comment_not_found");
    }
  });

  it("marks the caller's own comments and reactions", async () => {
    const site = await createSite();
    const [a, b] = [await login(site), await login(site)];
    const mine = await comment(site, a, "art", "mine");
    const theirs = await comment(site, b, "art", "theirs");
    await api(`/api/v1/comments/${theirs.id}/reaction`, { method: "PUT", headers: a.auth, json: { value: "dislike" } });
    const seen = (await list(site, "art", "", a)).body.comments as Listed[];
    expect(seen.find((c) => c.id === mine.id)).toMatchObject({ mine: true, myReaction: null });
    expect(seen.find((c) => c.id === theirs.id)).toMatchObject({ mine: false, myReaction: "dislike" });
    const anonymous = (await list(site, "art")).body.comments as Listed[];
    expect(anonymous.every((c) => !c.mine && c.myReaction === null)).toBe(true);
  });

  it("answers 401 for an invalid session even though reading needs none", async () => {
    const site = await createSite();
    const res = await list(site, "art", "", { token: "x", userId: "x", auth: { Authorization: "Bearer mgs_bogus" } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("invalid_session");
  });
});
