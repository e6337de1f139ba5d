import { describe, expect, it } from "vitest";
import { api, comment, createSite, list, login } from "../helpers";

const BOOKMARK = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/;

describe("D1 sessions: every answer carries a bookmark the client sends back", () => {
  it("answers reads and writes with a bookmark, and a read after the writer's bookmark sees the write", async () => {
    const site = await createSite();
    const writer = await login(site);
    const posted = await api(`/api/v1/sites/${site.id}/articles/bm/comments`, {
      method: "POST",
      headers: writer.auth,
      json: { body: "북마크 뒤에 읽을 댓글" },
    });
    const written = posted.headers.get("X-D1-Bookmark")!;
    expect(written).toMatch(BOOKMARK);
    const read = await api(`/api/v1/sites/${site.id}/articles/bm/comments`, { headers: { "X-D1-Bookmark": written } });
    expect(read.body.comments.map((c: { id: string }) => c.id)).toEqual([posted.body.comment.id]);
    // Bookmarks only move forward: the read's session started at the write.
    expect(read.headers.get("X-D1-Bookmark")! >= written).toBe(true);
  });

  it("ignores a bookmark that is not one, instead of handing it to D1", async () => {
    const site = await createSite();
    await comment(site, await login(site), "bm", "아무 댓글");
    for (const bookmark of ["garbage", "'; drop table comments; --", "0".repeat(300)]) {
      const res = await list(site, "bm", "");
      const odd = await api(`/api/v1/sites/${site.id}/articles/bm/comments`, { headers: { "X-D1-Bookmark": bookmark } });
      expect(odd.status).toBe(200);
      expect(odd.body.comments).toEqual(res.body.comments);
    }
  });

  it("lets sites' pages read the bookmark and send it back (CORS)", async () => {
    const site = await createSite();
    const preflight = await api(`/api/v1/sites/${site.id}/articles/bm/comments`, {
      method: "OPTIONS",
      headers: { Origin: site.origin, "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "x-d1-bookmark" },
    });
    expect(preflight.headers.get("Access-Control-Allow-Headers")).toContain("X-D1-Bookmark");
    const res = await api(`/api/v1/sites/${site.id}/counts?articles=bm`, { headers: { Origin: site.origin } });
    expect(res.headers.get("Access-Control-Expose-Headers")).toContain("X-D1-Bookmark");
    expect(res.headers.get("X-D1-Bookmark")).toMatch(BOOKMARK);
  });
});
