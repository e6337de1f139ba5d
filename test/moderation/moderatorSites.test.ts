import { describe, expect, it } from "vitest";
import { ADMIN, api, createSite, login, refusal } from "../helpers";

const moderatedSites = (headers: Record<string, string> = {}) => api("/api/v1/moderation/sites", { headers });

describe("GET /api/v1/moderation/sites", () => {
  it("lists every site, by id, for the admin token", async () => {
    const a = await createSite({ name: "가 뉴스" });
    const b = await createSite({ name: "B News" });
    const res = await moderatedSites(ADMIN);
    expect(res.status).toBe(200);
    expect(res.body.moderator).toEqual({ type: "admin", user: null });
    expect(res.body.sites).toEqual(
      expect.arrayContaining([
        { id: a.id, name: "가 뉴스" },
        { id: b.id, name: "B News" },
      ]),
    );
    const ids = res.body.sites.map((s: { id: string }) => s.id);
    expect(ids).toEqual([...ids].sort());
  });

  it("lists only the session's own site for a moderator by SSO role", async () => {
    const site = await createSite({ name: "내 사이트" });
    await createSite();
    const moderator = await login(site, { role: "moderator", name: "운영자" });
    const res = await moderatedSites(moderator.auth);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ moderator: { type: "moderator", user: { id: moderator.userId, name: "운영자" } }, sites: [{ id: site.id, name: "내 사이트" }] });
  });

  it("lists the site for a moderator granted through the admin API", async () => {
    const site = await createSite();
    const editor = await login(site);
    await api(`/api/v1/admin/sites/${site.id}/moderators`, { method: "POST", headers: ADMIN, json: { userId: editor.userId } });
    const res = await moderatedSites(editor.auth);
    expect(res.status).toBe(200);
    expect(res.body.sites).toEqual([{ id: site.id, name: `Site ${site.id}` }]);
  });
});

describe("GET /api/v1/moderation/sites refuses", () => {
  it("a reader who moderates nothing (403)", async () => {
    const site = await createSite();
    const reader = await login(site);
    const res = await moderatedSites(reader.auth);
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: "forbidden" });
  });

  it("a moderator whose SSO role was taken away by a later login", async () => {
    const site = await createSite();
    const sub = `editor-${crypto.randomUUID()}`;
    await login(site, { sub, role: "moderator" });
    const demoted = await login(site, { sub, role: "commenter" });
    expect(refusal(await moderatedSites(demoted.auth))).toEqual([403, "forbidden"]);
  });

  it("no token, an unknown session and a wrong admin token (401)", async () => {
    expect((await moderatedSites()).body.error.code).toBe("unauthenticated");
    expect(refusal(await moderatedSites({ Authorization: "Bearer mgs_unknown" }))).toEqual([401, "invalid_session"]);
    const wrongAdmin = await moderatedSites({ Authorization: "Bearer test-admin-token-but-not-quite" });
    expect(wrongAdmin.status).toBe(401);
    expect(wrongAdmin.body.error.code).toBe("invalid_session");
  });
});

describe("GET /api/v1/moderation/sites in the API reference", () => {
  it("is documented with both ways to authenticate", async () => {
    const doc = (await api("/api/v1/openapi.json")).body;
    const operation = doc.paths["/api/v1/moderation/sites"].get;
    expect(operation.security).toEqual([{ session: [] }, { admin: [] }]);
    expect(Object.keys(operation.responses)).toEqual(["200", "401", "403"]);
  });
});
