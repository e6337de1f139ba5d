import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ADMIN, api, createSite, detailPaths, login, refusal } from "../helpers";

const moderatorsPath = (site: { id: string }) => `/api/v1/admin/sites/${site.id}/moderators`;
const grant = (site: { id: string }, userId: string, headers: Record<string, string> = ADMIN) =>
  api(moderatorsPath(site), { method: "POST", headers, json: { userId } });
const revoke = (site: { id: string }, userId: string, headers: Record<string, string> = ADMIN) =>
  api(`${moderatorsPath(site)}/${encodeURIComponent(userId)}`, { method: "DELETE", headers });
const grants = (site: { id: string }, headers: Record<string, string> = ADMIN) => api(moderatorsPath(site), { headers });
const queue = (site: { id: string }, headers: Record<string, string>) => api(`/api/v1/sites/${site.id}/moderation/queue`, { headers });

describe("POST /api/v1/admin/sites/:site/moderators", () => {
  it("makes a plain commenter a moderator who can then read the moderation queue", async () => {
    const site = await createSite();
    const user = await login(site, { name: "편집자" });
    expect(refusal(await queue(site, user.auth))).toEqual([403, "forbidden"]);

    const res = await grant(site, user.userId);
    expect(res.status).toBe(201);
    expect(res.body.moderator).toEqual({ userId: user.userId, name: "편집자", createdAt: expect.any(String) });
    expect(Number.isNaN(Date.parse(res.body.moderator.createdAt))).toBe(false);

    const page = await queue(site, user.auth);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ items: [], counts: { pending: 0, reported: 0, rejected: 0, approved: 0 }, nextCursor: null });
  });

  it("keeps the account a commenter: the grant is stored apart from the SSO role", async () => {
    const site = await createSite();
    const user = await login(site);
    await grant(site, user.userId);
    const row = await env.DB.prepare("select role from users where id = ?").bind(user.userId).first<{ role: string }>();
    expect(row?.role).toBe("commenter");
    expect((await api("/api/v1/me", { headers: user.auth })).status).toBe(200);
  });

  it("grants once when asked twice", async () => {
    const site = await createSite();
    const user = await login(site);
    const first = await grant(site, user.userId);
    const second = await grant(site, user.userId);
    expect(second.status).toBe(201);
    expect(second.body.moderator.createdAt).toBe(first.body.moderator.createdAt);
    expect((await grants(site)).body.moderators).toHaveLength(1);
  });

  it("answers 404 for an unknown user", async () => {
    const site = await createSite();
    const res = await grant(site, "no-such-user");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
  });

  it("answers 404 for a user of another site, who gains no power on either", async () => {
    const site = await createSite();
    const other = await createSite();
    const stranger = await login(other);
    expect(refusal(await grant(site, stranger.userId))).toEqual([404, "not_found"]);
    expect(refusal(await queue(site, stranger.auth))).toEqual([403, "forbidden"]);
    expect(refusal(await queue(other, stranger.auth))).toEqual([403, "forbidden"]);
    expect((await grants(site)).body.moderators).toEqual([]);
  });

  it("answers 404 for an unknown site", async () => {
    const res = await grant({ id: "no-such-site-here" }, "someone");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("site_not_found");
  });

  it("validates the body", async () => {
    const site = await createSite();
    const user = await login(site);
    for (const [json, field] of [
      [{}, "userId"],
      [{ userId: "" }, "userId"],
      [{ userId: user.userId, role: "admin" }, "role"],
    ] as const) {
      const res = await api(moderatorsPath(site), { method: "POST", headers: ADMIN, json });
      expect(refusal(res)).toEqual([400, "invalid_request"]);
      expect(detailPaths(res)).toEqual([field]);
    }
  });

  it("gives a moderator granted on one site no power on another", async () => {
    const site = await createSite();
    const other = await createSite();
    const user = await login(site);
    await grant(site, user.userId);
    expect(refusal(await queue(other, user.auth))).toEqual([403, "forbidden"]);
  });
});

describe("GET /api/v1/admin/sites/:site/moderators", () => {
  it("lists the site's granted moderators, and only this site's", async () => {
    const site = await createSite();
    const other = await createSite();
    const [a, b] = [await login(site, { name: "가" }), await login(site, { name: "나" })];
    await login(site, { role: "moderator" });
    const elsewhere = await login(other);
    await grant(site, a.userId);
    await grant(site, b.userId);
    await grant(other, elsewhere.userId);

    const res = await grants(site);
    expect(res.status).toBe(200);
    expect(res.body.moderators.map((m: { userId: string; name: string }) => [m.userId, m.name]).sort()).toEqual(
      [
        [a.userId, "가"],
        [b.userId, "나"],
      ].sort(),
    );
  });

  it("answers 404 for an unknown site", async () => {
    expect(refusal(await grants({ id: "no-such-site-here" }))).toEqual([404, "site_not_found"]);
  });
});

describe("DELETE /api/v1/admin/sites/:site/moderators/:userId", () => {
  it("revokes the grant: the moderation API answers 403 again", async () => {
    const site = await createSite();
    const user = await login(site);
    await grant(site, user.userId);
    expect((await queue(site, user.auth)).status).toBe(200);

    expect((await revoke(site, user.userId)).status).toBe(204);
    const res = await queue(site, user.auth);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("forbidden");
    expect((await grants(site)).body.moderators).toEqual([]);
  });

  it("answers 404 when there is no such grant", async () => {
    const site = await createSite();
    const user = await login(site);
    expect(refusal(await revoke(site, user.userId))).toEqual([404, "not_found"]);
    await grant(site, user.userId);
    expect((await revoke(site, user.userId)).status).toBe(204);
    expect(refusal(await revoke(site, user.userId))).toEqual([404, "not_found"]);
  });

  it("does not revoke a grant on another site through this one", async () => {
    const site = await createSite();
    const other = await createSite();
    const user = await login(other);
    await grant(other, user.userId);
    expect(refusal(await revoke(site, user.userId))).toEqual([404, "not_found"]);
    expect((await queue(other, user.auth)).status).toBe(200);
  });
});

describe("moderator grants need the admin token", () => {
  it.each([
    ["POST", ""],
    ["GET", ""],
    ["DELETE", "/someone"],
  ])("answers 401 to %s without a token and 403 to a wrong token or a moderator's session", async (method, suffix) => {
    const site = await createSite();
    const reader = await login(site);
    const moderator = await login(site, { role: "moderator" });
    const path = moderatorsPath(site) + suffix;
    const json = method === "POST" ? { userId: reader.userId } : undefined;

    const none = await api(path, { method, json });
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe("unauthenticated");
    expect(refusal(await api(path, { method, json, headers: { Authorization: "Bearer not-the-admin-token" } }))).toEqual([403, "forbidden"]);
    expect(refusal(await api(path, { method, json, headers: moderator.auth }))).toEqual([403, "forbidden"]);
    expect(refusal(await api(path, { method, json, headers: reader.auth }))).toEqual([403, "forbidden"]);
    expect((await grants(site)).body.moderators).toEqual([]);
  });
});
