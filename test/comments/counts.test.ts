import { describe, expect, it } from "vitest";
import { api, comment, createSite, detailPaths, login, refusal } from "../helpers";

describe("GET /api/v1/sites/:site/counts", () => {
  it("returns published counts, zero for unknown articles, and is cacheable", async () => {
    const site = await createSite();
    const reader = await login(site);
    await comment(site, reader, "a", "1");
    await comment(site, reader, "a", "2");
    await comment(site, reader, "b", "1");
    const res = await api(`/api/v1/sites/${site.id}/counts?articles=a,b,c`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ counts: { a: 2, b: 1, c: 0 } });
    expect(res.headers.get("Cache-Control")).toMatch(/max-age=\d+/);
  });

  it("reads one row per article, whatever the threads' sizes", async () => {
    const site = await createSite();
    const reader = await login(site);
    for (let i = 0; i < 15; i++) await comment(site, reader, "big", `c${i}`);
    const one = await api(`/api/v1/sites/${site.id}/counts?articles=big`);
    expect(one.body.counts.big).toBe(15);
    expect(one.rowsRead).toBeLessThanOrEqual(2);
    const ids = Array.from({ length: 100 }, (_, i) => `art-${i}`);
    const many = await api(`/api/v1/sites/${site.id}/counts?articles=${ids.join(",")}`);
    expect(many.status).toBe(200);
    expect(Object.keys(many.body.counts)).toHaveLength(100);
    expect(many.rowsRead).toBeLessThanOrEqual(101);
  });

  it("takes repeated article= for ids with commas, alone or with articles=", async () => {
    const site = await createSite();
    const reader = await login(site);
    await comment(site, reader, "seoul,busan", "지역 기사");
    const q = new URLSearchParams([
      ["article", "seoul,busan"],
      ["article", "plain"],
      ["articles", "x,plain"],
    ]);
    const res = await api(`/api/v1/sites/${site.id}/counts?${q}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ counts: { "seoul,busan": 1, plain: 0, x: 0 } });
    const tooMany = new URLSearchParams(Array.from({ length: 101 }, (_, i): [string, string] => ["article", `a,${i}`]));
    const refused = await api(`/api/v1/sites/${site.id}/counts?${tooMany}`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("invalid_request");
    expect(detailPaths(refused)[0]).toBe("articles");
  });

  it("keeps counts per site", async () => {
    const site = await createSite();
    const other = await createSite();
    await comment(site, await login(site), "same-id", "x");
    expect((await api(`/api/v1/sites/${other.id}/counts?articles=same-id`)).body.counts).toEqual({ "same-id": 0 });
  });

  it("refuses more than 100 ids, none, or an unknown site", async () => {
    const site = await createSite();
    const tooMany = Array.from({ length: 101 }, (_, i) => `a${i}`).join(",");
    for (const query of [`?articles=${tooMany}`, "", "?articles="]) {
      const res = await api(`/api/v1/sites/${site.id}/counts${query}`);
      expect(refusal(res), query.slice(0, 20)).toEqual([400, "invalid_request"]);
      expect(detailPaths(res)).toContain("articles");
    }
    const unknown = await api(`/api/v1/sites/nope-site/counts?articles=a`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("site_not_found");
  });
});
