import { describe, expect, it } from "vitest";
import { api, apiWithBindings, comment, createSite, list, login } from "../helpers";

const calls = (res: { headers: Headers }) => Number(res.headers.get("X-D1-Calls"));

/** An article with threads, and a warm isolate (the site's configuration already cached). */
async function threadedArticle() {
  const site = await createSite();
  const writer = await login(site);
  for (let i = 0; i < 5; i++) {
    const c = await comment(site, writer, "rt", `round trip ${i} 댓글입니다`);
    for (let j = 0; j < 5; j++) await comment(site, await login(site), "rt", `reply ${i}.${j} 답글입니다`, { parentId: c.id });
  }
  await list(site, "rt");
  return { site, writer };
}

describe("D1 round trips of the read path (X-D1-Calls, warm isolate)", () => {
  it("serves an anonymous page — comments, authors, reply previews, article — in one round trip", async () => {
    const { site } = await threadedArticle();
    for (const sort of ["newest", "oldest", "popular"]) {
      const res = await list(site, "rt", `?sort=${sort}&limit=3`);
      expect(res.status).toBe(200);
      expect(calls(res)).toBe(1);
      expect(res.body.comments).toHaveLength(3);
      expect(res.body.comments[0].replies).toHaveLength(3);
      expect(res.body.comments[0].repliesCursor).not.toBeNull();
      const next = await list(site, "rt", `?sort=${sort}&limit=3&cursor=${encodeURIComponent(res.body.nextCursor)}`);
      expect(calls(next)).toBe(1);
      expect(next.body.comments).toHaveLength(2);
    }
  });

  it("answers counts in one round trip", async () => {
    const { site } = await threadedArticle();
    const res = await api(`/api/v1/sites/${site.id}/counts?articles=rt`);
    expect(res.body.counts).toEqual({ rt: 30 });
    expect(calls(res)).toBe(1);
  });

  it("serves an anonymous page of replies in one round trip", async () => {
    const { site } = await threadedArticle();
    const parent = (await list(site, "rt", "?limit=1")).body.comments[0];
    const replies = await list(site, "rt", `?parent=${parent.id}&limit=2`);
    expect(replies.body.comments).toHaveLength(2);
    expect(calls(replies)).toBe(1);
    const rest = await list(site, "rt", `?parent=${parent.id}&limit=2&cursor=${encodeURIComponent(replies.body.nextCursor)}`);
    expect(calls(rest)).toBe(1);
  });

  it("serves a signed-in page in two round trips: the public page, then the session with the viewer's overlay", async () => {
    const { site, writer } = await threadedArticle();
    for (const query of ["", "?sort=popular&limit=3"]) {
      const res = await list(site, "rt", query, writer);
      expect(res.body.comments.some((c: { mine: boolean }) => c.mine)).toBe(true);
      expect(calls(res)).toBe(2);
    }
    const parent = (await list(site, "rt", "?limit=1")).body.comments[0];
    expect(calls(await list(site, "rt", `?parent=${parent.id}`, writer))).toBe(2);
  });

  it("serves a signed-in page in one round trip when the edge holds the public page", async () => {
    const { site, writer } = await threadedArticle();
    const path = `/api/v1/sites/${site.id}/articles/rt/comments`;
    await apiWithBindings({ EDGE_CACHE: "on" }, path);
    const res = await apiWithBindings({ EDGE_CACHE: "on" }, path, { headers: writer.auth });
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    expect(calls(res)).toBe(1);
  });
});
