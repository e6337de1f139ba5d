import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ADMIN, api, comment, createSite, detailPaths, list, login, post, refusal } from "../helpers";

const uniqueId = (prefix = "adm") => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;

function createSiteRaw(json: unknown, headers: Record<string, string> = ADMIN) {
  return api("/api/v1/admin/sites", { method: "POST", headers, json });
}

const patchSite = (id: string, json: unknown) => api(`/api/v1/admin/sites/${id}`, { method: "PATCH", headers: ADMIN, json });
const setArticle = (site: string, article: string, open: boolean) =>
  api(`/api/v1/admin/sites/${site}/articles/${encodeURIComponent(article)}`, { method: "PATCH", headers: ADMIN, json: { open } });

describe("admin API authentication", () => {
  it.each([
    ["GET", "/api/v1/admin/sites"],
    ["POST", "/api/v1/admin/sites"],
    ["GET", "/api/v1/admin/sites/demo"],
    ["PATCH", "/api/v1/admin/sites/demo"],
    ["POST", "/api/v1/admin/sites/demo/rotate-secret"],
    ["PATCH", "/api/v1/admin/sites/demo/articles/a1"],
  ])("answers 401 unauthenticated to %s %s without a token", async (method, path) => {
    const res = await api(path, { method, json: method === "GET" ? undefined : {} });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("unauthenticated");
  });

  it("answers 403 forbidden to a wrong token", async () => {
    const res = await api("/api/v1/admin/sites", { headers: { Authorization: "Bearer not-the-admin-token" } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("forbidden");
  });

  it("refuses a reader's session as an admin token", async () => {
    const site = await createSite();
    const reader = await login(site, { role: "moderator" });
    const res = await api("/api/v1/admin/sites", { headers: reader.auth });
    expect(refusal(res)).toEqual([403, "forbidden"]);
  });

  it("checks the token before validating the body", async () => {
    const res = await createSiteRaw({ id: "BAD ID" }, {});
    expect(refusal(res)).toEqual([401, "unauthenticated"]);
    const wrong = await createSiteRaw({ id: uniqueId(), name: "x", origins: [] }, { Authorization: "Bearer nope" });
    expect(refusal(wrong)).toEqual([403, "forbidden"]);
  });
});

describe("POST /api/v1/admin/sites", () => {
  it("creates a site and generates a strong SSO secret when none is given", async () => {
    const id = uniqueId();
    const res = await createSiteRaw({ id, name: "Daily News", origins: ["https://news.example", "http://localhost:8080"] });
    expect(res.status).toBe(201);
    expect(res.body.site).toMatchObject({
      id,
      name: "Daily News",
      origins: ["https://news.example", "http://localhost:8080"],
      settings: { editWindowSeconds: 300 },
    });
    expect(res.body.ssoSecret).toEqual(expect.any(String));
    expect(res.body.ssoSecret.length).toBeGreaterThanOrEqual(32);
    const other = await createSiteRaw({ id: uniqueId(), name: "Other", origins: [] });
    expect(other.body.ssoSecret).not.toBe(res.body.ssoSecret);
  });

  it("uses the SSO secret given", async () => {
    const secret = "x".repeat(16) + crypto.randomUUID();
    const res = await createSiteRaw({ id: uniqueId(), name: "Given", origins: [], ssoSecret: secret });
    expect(res.status).toBe(201);
    expect(res.body.ssoSecret).toBe(secret);
  });

  it("accepts initial settings", async () => {
    const res = await createSiteRaw({ id: uniqueId(), name: "S", origins: [], settings: { editWindowSeconds: 60 } });
    expect(res.status).toBe(201);
    expect(res.body.site.settings).toMatchObject({ editWindowSeconds: 60, premoderation: "off" });
  });

  it("does not store the SSO secret in clear", async () => {
    const site = await createSite();
    const row = await env.DB.prepare("select * from sites where id = ?").bind(site.id).first<Record<string, unknown>>();
    expect(row).not.toBeNull();
    expect(JSON.stringify(row)).not.toContain(site.secret);
    expect(row!.sso_secret_sealed).not.toBe(site.secret);
  });

  it("answers 409 site_exists for a duplicate id", async () => {
    const site = await createSite();
    const res = await createSiteRaw({ id: site.id, name: "Again", origins: [] });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("site_exists");
    // The first site's secret still works.
    expect((await login(site)).userId).toEqual(expect.any(String));
  });

  it.each([
    ["an id with capitals", { id: "Bad-Id" }, "id"],
    ["an id with a slash", { id: "a/b" }, "id"],
    ["a one-character id", { id: "a" }, "id"],
    ["an origin with a path", { origins: ["https://news.example/comments"] }, "origins.0"],
    ["an origin with a trailing slash", { origins: ["https://news.example/"] }, "origins.0"],
    ["a non-http origin", { origins: ["ftp://news.example"] }, "origins.0"],
    ["a javascript: origin", { origins: ["javascript:alert(1)"] }, "origins.0"],
    ["a short SSO secret", { ssoSecret: "too-short" }, "ssoSecret"],
    ["an empty name", { name: "   " }, "name"],
    ["a negative edit window", { settings: { editWindowSeconds: -1 } }, "settings.editWindowSeconds"],
  ])("answers 400 naming the field for %s", async (_, override, field) => {
    const res = await createSiteRaw({ id: uniqueId(), name: "Site", origins: ["https://ok.example"], ...override });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_request");
    expect(detailPaths(res)).toContain(field);
  });

  it("answers 400 naming an unknown field", async () => {
    const res = await createSiteRaw({ id: uniqueId(), name: "Site", origins: [], status: "active" });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_request");
    expect(detailPaths(res)).toEqual(["status"]);
  });

  it("creates nothing when the input is refused", async () => {
    const id = uniqueId();
    expect(refusal(await createSiteRaw({ id, name: "Site", origins: ["https://ok.example/path"] }))).toEqual([400, "invalid_request"]);
    expect(refusal(await api(`/api/v1/admin/sites/${id}`, { headers: ADMIN }))).toEqual([404, "site_not_found"]);
  });
});

describe("GET /api/v1/admin/sites", () => {
  it("lists sites without their secrets", async () => {
    const a = await createSite();
    const b = await createSite();
    const res = await api("/api/v1/admin/sites", { headers: ADMIN });
    expect(res.status).toBe(200);
    const ids = res.body.sites.map((s: { id: string }) => s.id);
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(a.secret);
    expect(text).not.toMatch(/secret/i);
  });

  it("gets one site", async () => {
    const site = await createSite({ settings: { editWindowSeconds: 120 } });
    const res = await api(`/api/v1/admin/sites/${site.id}`, { headers: ADMIN });
    expect(res.status).toBe(200);
    expect(res.body.site).toMatchObject({ id: site.id, origins: [site.origin], settings: { editWindowSeconds: 120 } });
    expect(JSON.stringify(res.body)).not.toMatch(/secret/i);
  });

  it("answers 404 site_not_found for an unknown site", async () => {
    const res = await api(`/api/v1/admin/sites/${uniqueId("missing")}`, { headers: ADMIN });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("site_not_found");
  });
});

describe("PATCH /api/v1/admin/sites/:site", () => {
  it("changes the name", async () => {
    const site = await createSite();
    const res = await patchSite(site.id, { name: "Renamed" });
    expect(res.status).toBe(200);
    expect(res.body.site).toMatchObject({ id: site.id, name: "Renamed", origins: [site.origin] });
    expect((await api(`/api/v1/admin/sites/${site.id}`, { headers: ADMIN })).body.site.name).toBe("Renamed");
  });

  it("replaces the origins, dropping duplicates", async () => {
    const site = await createSite();
    const res = await patchSite(site.id, { origins: ["https://new.example", "https://new.example", "https://www.new.example"] });
    expect(res.status).toBe(200);
    expect(res.body.site.origins).toEqual(["https://new.example", "https://www.new.example"]);
    const lookup = await env.DB.prepare("select origin from site_origins where site_id = ? order by origin").bind(site.id).all<{ origin: string }>();
    expect(lookup.results.map((r) => r.origin)).toEqual(["https://new.example", "https://www.new.example"]);
  });

  it("changes the edit window and keeps name and origins", async () => {
    const site = await createSite();
    const res = await patchSite(site.id, { settings: { editWindowSeconds: 900 } });
    expect(res.status).toBe(200);
    expect(res.body.site).toMatchObject({ name: `Site ${site.id}`, origins: [site.origin], settings: { editWindowSeconds: 900 } });
  });

  it("does not touch the SSO secret", async () => {
    const site = await createSite();
    await patchSite(site.id, { name: "Still works" });
    expect((await login(site)).userId).toEqual(expect.any(String));
  });

  it.each([
    ["a negative edit window", { settings: { editWindowSeconds: -5 } }, "settings.editWindowSeconds"],
    ["an edit window over a week", { settings: { editWindowSeconds: 8 * 24 * 3600 } }, "settings.editWindowSeconds"],
    ["a fractional edit window", { settings: { editWindowSeconds: 1.5 } }, "settings.editWindowSeconds"],
    ["a string edit window", { settings: { editWindowSeconds: "60" } }, "settings.editWindowSeconds"],
    ["an origin with a path", { origins: ["https://x.example/a"] }, "origins.0"],
  ])("answers 400 naming the field for %s", async (_, body, field) => {
    const site = await createSite();
    const res = await patchSite(site.id, body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_request");
    expect(detailPaths(res)).toContain(field);
    const unchanged = await api(`/api/v1/admin/sites/${site.id}`, { headers: ADMIN });
    expect(unchanged.body.site).toMatchObject({ origins: [site.origin], settings: { editWindowSeconds: 300 } });
  });

  it.each([
    ["an unknown setting", { settings: { moderation: "off" } }, "settings.moderation"],
    ["the id", { id: "other-id" }, "id"],
    ["the SSO secret", { ssoSecret: "y".repeat(40) }, "ssoSecret"],
  ])("answers 400 to %s", async (_, body, field) => {
    const site = await createSite();
    const res = await patchSite(site.id, body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_request");
    expect(detailPaths(res)).toEqual([field]);
  });

  it("answers 404 site_not_found for an unknown site", async () => {
    const res = await patchSite(uniqueId("missing"), { name: "x" });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("site_not_found");
  });
});

describe("POST /api/v1/admin/sites/:site/rotate-secret", () => {
  it("returns a new strong secret and the site", async () => {
    const site = await createSite();
    const res = await api(`/api/v1/admin/sites/${site.id}/rotate-secret`, { method: "POST", headers: ADMIN });
    expect(res.status).toBe(200);
    expect(res.body.site.id).toBe(site.id);
    expect(res.body.ssoSecret.length).toBeGreaterThanOrEqual(32);
    expect(res.body.ssoSecret).not.toBe(site.secret);
    const row = await env.DB.prepare("select sso_secret_sealed from sites where id = ?").bind(site.id).first<{ sso_secret_sealed: string }>();
    expect(row!.sso_secret_sealed).not.toContain(res.body.ssoSecret);
  });

  it("refuses a short given secret", async () => {
    const site = await createSite();
    const res = await api(`/api/v1/admin/sites/${site.id}/rotate-secret`, { method: "POST", headers: ADMIN, json: { ssoSecret: "short" } });
    expect(refusal(res)).toEqual([400, "invalid_request"]);
    expect(detailPaths(res)).toContain("ssoSecret");
    expect((await login(site)).userId).toEqual(expect.any(String));
  });

  it("answers 404 site_not_found for an unknown site", async () => {
    const res = await api(`/api/v1/admin/sites/${uniqueId("missing")}/rotate-secret`, { method: "POST", headers: ADMIN });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("site_not_found");
  });
});

describe("PATCH /api/v1/admin/sites/:site/articles/:article", () => {
  it("closes an article: posting is refused, listing and counts still work", async () => {
    const site = await createSite();
    const reader = await login(site);
    await comment(site, reader, "closing", "before closing");

    const closed = await setArticle(site.id, "closing", false);
    expect(closed.status).toBe(200);
    expect(closed.body.article).toMatchObject({ id: "closing", open: false, commentCount: 1 });

    const refused = await post(site, reader, "closing", { body: "after closing" });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("article_closed");

    const listed = await list(site, "closing");
    expect(listed.status).toBe(200);
    expect(listed.body.article).toMatchObject({ open: false, commentCount: 1 });
    expect(listed.body.comments.map((c: { body: string }) => c.body)).toEqual(["before closing"]);

    const counts = await api(`/api/v1/sites/${site.id}/counts?articles=closing`);
    expect(counts.status).toBe(200);
    expect(counts.body.counts).toEqual({ closing: 1 });
  });

  it("closes an article that has no comments yet", async () => {
    const site = await createSite();
    const reader = await login(site);
    const closed = await setArticle(site.id, "fresh", false);
    expect(closed.status).toBe(200);
    expect(closed.body.article).toMatchObject({ id: "fresh", open: false, commentCount: 0 });
    const refused = await post(site, reader, "fresh", { body: "first!" });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("article_closed");
  });

  it("reopens a closed article", async () => {
    const site = await createSite();
    const reader = await login(site);
    await setArticle(site.id, "reopen", false);
    const reopened = await setArticle(site.id, "reopen", true);
    expect(reopened.status).toBe(200);
    expect(reopened.body.article.open).toBe(true);
    expect((await post(site, reader, "reopen", { body: "back again" })).status).toBe(201);
    expect((await list(site, "reopen")).body.article).toMatchObject({ open: true, commentCount: 1 });
  });

  it("closes the article only on its own site", async () => {
    const a = await createSite();
    const b = await createSite();
    await setArticle(a.id, "same-id", false);
    const reader = await login(b);
    expect((await post(b, reader, "same-id", { body: "open here" })).status).toBe(201);
  });

  it("answers 400 for a body other than {open: boolean}", async () => {
    const site = await createSite();
    const url = `/api/v1/admin/sites/${site.id}/articles/a1`;
    // {} fails a refinement of the whole body, which names no single field.
    for (const [json, fields] of [
      [{}, [""]],
      [{ open: "false" }, ["open"]],
      [{ open: false, commentCount: 0 }, ["commentCount"]],
    ] as const) {
      const res = await api(url, { method: "PATCH", headers: ADMIN, json });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("invalid_request");
      expect(detailPaths(res)).toEqual(fields);
    }
  });

  it("answers 404 site_not_found for an unknown site", async () => {
    const res = await setArticle(uniqueId("missing"), "a1", false);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("site_not_found");
  });
});
