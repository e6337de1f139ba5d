import { describe, expect, it } from "vitest";
import { api, comment, createSite, list, login } from "../helpers";

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

  it("keeps the signed-in page within its current ceiling (the per-viewer overlay will bring it to two)", async () => {
    const { site, writer } = await threadedArticle();
    expect(calls(await list(site, "rt", "", writer))).toBeLessThanOrEqual(6);
  });
});
