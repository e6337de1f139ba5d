import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, createSite, login, refusal } from "../helpers";

async function sha256Hex(text: string) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

const me = (headers?: Record<string, string>) => api("/api/v1/me", { headers });
const logout = (headers?: Record<string, string>) => api("/api/v1/auth/logout", { method: "POST", headers });

describe("GET /api/v1/me", () => {
  it("returns the user of the session", async () => {
    const site = await createSite();
    const reader = await login(site, { name: "이독자", email: "lee@example.com" });
    const res = await me(reader.auth);
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: reader.userId, siteId: site.id, name: "이독자", email: "lee@example.com", avatar: null, role: "commenter" });
    expect(Number.isNaN(Date.parse(res.body.user.createdAt))).toBe(false);
  });

  it("shows a moderator role given by the SSO token", async () => {
    const site = await createSite();
    const moderator = await login(site, { role: "moderator" });
    const res = await me(moderator.auth);
    expect(res.status).toBe(200);
    expect(res.body.user.role).toBe("moderator");
  });

  it("accepts the Bearer scheme in any case", async () => {
    const site = await createSite();
    const reader = await login(site);
    expect((await me({ Authorization: `bearer ${reader.token}` })).status).toBe(200);
  });

  it("answers 401 unauthenticated without a session", async () => {
    const res = await me();
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("unauthenticated");
  });

  it("answers 401 invalid_session for an unknown token", async () => {
    const res = await me({ Authorization: "Bearer mgs_not-a-real-session-token" });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("invalid_session");
  });

  it.each([
    ["another scheme", "Basic dXNlcjpwYXNz"],
    ["a scheme without a token", "Bearer"],
    ["a token with spaces", "Bearer two words"],
    ["a bare token", "mgs_abc"],
  ])("answers 401 for a malformed Authorization header (%s)", async (_, header) => {
    const res = await me({ Authorization: header });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("invalid_session");
  });

  it("refuses the session's hash used as a token", async () => {
    const site = await createSite();
    const reader = await login(site);
    const res = await me({ Authorization: `Bearer ${await sha256Hex(reader.token)}` });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("invalid_session");
  });

  it("refuses an expired session", async () => {
    const site = await createSite();
    const reader = await login(site);
    await env.DB.prepare("update sessions set expires_at = ? where token_hash = ?")
      .bind(Date.now() - 1000, await sha256Hex(reader.token))
      .run();
    const res = await me(reader.auth);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("invalid_session");
  });
});

describe("POST /api/v1/auth/logout", () => {
  it("revokes the session so /me answers 401 afterwards", async () => {
    const site = await createSite();
    const reader = await login(site);
    const res = await logout(reader.auth);
    expect(res.status).toBe(204);
    expect(res.body).toBeNull();
    const after = await me(reader.auth);
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe("invalid_session");
    const row = await env.DB.prepare("select count(*) as n from sessions where token_hash = ?")
      .bind(await sha256Hex(reader.token))
      .first<{ n: number }>();
    expect(row?.n).toBe(0);
  });

  it("revokes only that session, not the user's other ones", async () => {
    const site = await createSite();
    const phone = await login(site, { sub: "two-devices" });
    const laptop = await login(site, { sub: "two-devices" });
    expect(laptop.userId).toBe(phone.userId);
    expect((await logout(phone.auth)).status).toBe(204);
    expect(refusal(await me(phone.auth))).toEqual([401, "invalid_session"]);
    expect((await me(laptop.auth)).status).toBe(200);
  });

  it("answers 401 without a session", async () => {
    const res = await logout();
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("unauthenticated");
  });

  it("answers 401 invalid_session for an already revoked session", async () => {
    const site = await createSite();
    const reader = await login(site);
    await logout(reader.auth);
    const again = await logout(reader.auth);
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe("invalid_session");
  });
});

describe("session storage", () => {
  it("stores only the SHA-256 hex of the session token, never the token", async () => {
    const site = await createSite();
    const reader = await login(site);
    const { results } = await env.DB.prepare("select token_hash from sessions").all<{ token_hash: string }>();
    const hashes = results.map((r) => r.token_hash);
    expect(hashes).toContain(await sha256Hex(reader.token));
    for (const hash of hashes) expect(hash).not.toContain(reader.token);
    const everything = await env.DB.prepare("select * from sessions where user_id = ?").bind(reader.userId).all();
    expect(JSON.stringify(everything.results)).not.toContain(reader.token);
  });

  it("ties the session to the user's site", async () => {
    const site = await createSite();
    const reader = await login(site);
    const row = await env.DB.prepare("select user_id, site_id from sessions where token_hash = ?")
      .bind(await sha256Hex(reader.token))
      .first();
    expect(row).toEqual({ user_id: reader.userId, site_id: site.id });
  });
});
