import { env } from "cloudflare:workers";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { ADMIN, api, type ApiResponse, createSite, detailPaths, signSso } from "../helpers";

const now = () => Math.floor(Date.now() / 1000);

/** Signs exactly the claims given (no defaults), for tokens the helper cannot express. */
function signRaw(secret: string, claims: Record<string, unknown>, alg = "HS256") {
  return new SignJWT(claims).setProtectedHeader({ alg }).sign(new TextEncoder().encode(secret));
}

const b64url = (value: unknown) => btoa(JSON.stringify(value)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

function ssoLogin(site: string, token: string) {
  return api("/api/v1/auth/sso", { method: "POST", json: { site, token } });
}

/** Asserts the 401 `invalid_token` envelope, and that the message never echoes the secret. */
function expectInvalidToken(res: ApiResponse, secret?: string) {
  expect(res.status).toBe(401);
  expect(res.body.error.code).toBe("invalid_token");
  expect(typeof res.body.error.message).toBe("string");
  if (secret) expect(JSON.stringify(res.body)).not.toContain(secret);
}

describe("POST /api/v1/auth/sso — happy path", () => {
  it("logs a reader in with a valid token and returns session, user and expiry", async () => {
    const site = await createSite();
    const token = await signSso(site.secret, { sub: "reader-1", name: "김독자", email: "kim@example.com", avatar: "https://cdn.example/a.png" });
    const res = await ssoLogin(site.id, token);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(["expiresAt", "session", "user"]);
    expect(res.body.session).toEqual(expect.any(String));
    expect(res.body.session.length).toBeGreaterThanOrEqual(32);
    expect(res.body.user).toMatchObject({
      siteId: site.id,
      name: "김독자",
      email: "kim@example.com",
      avatar: "https://cdn.example/a.png",
      role: "commenter",
    });
    expect(res.body.user.id).toEqual(expect.any(String));
    const expires = Date.parse(res.body.expiresAt);
    expect(expires).toBeGreaterThan(Date.now() + 24 * 3600 * 1000);
  });

  it("gives a working session", async () => {
    const site = await createSite();
    const res = await ssoLogin(site.id, await signSso(site.secret, { name: "Reader" }));
    const me = await api("/api/v1/me", { headers: { Authorization: `Bearer ${res.body.session}` } });
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(res.body.user.id);
  });

  it("strips bidi overrides, controls and invisible characters from the name", async () => {
    const site = await createSite();
    const res = await ssoLogin(site.id, await signSso(site.secret, { name: "\u202Enimda\u202C\u0000 \u3164김\u200B기자\n" }));
    expect(res.status).toBe(200);
    expect(res.body.user.name).toBe("nimda 김기자");
    const row = await env.DB.prepare("select display_name as name from users where id = ?").bind(res.body.user.id).first<{ name: string }>();
    expect(row?.name).toBe("nimda 김기자");
  });

  it("updates name and role on a second login with the same sub and keeps the user id", async () => {
    const site = await createSite();
    const first = await ssoLogin(site.id, await signSso(site.secret, { sub: "same-sub", name: "First Name" }));
    const second = await ssoLogin(site.id, await signSso(site.secret, { sub: "same-sub", name: "Second Name", role: "moderator" }));
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body.user.id).toBe(first.body.user.id);
    expect(second.body.user).toMatchObject({ name: "Second Name", role: "moderator" });
    expect(second.body.session).not.toBe(first.body.session);
    // The earlier session sees the refreshed profile too: it points at the same user.
    const me = await api("/api/v1/me", { headers: { Authorization: `Bearer ${first.body.session}` } });
    expect(me.body.user).toMatchObject({ id: first.body.user.id, name: "Second Name", role: "moderator" });
    const users = await env.DB.prepare("select count(*) as n from identities where site_id = ? and subject = ?")
      .bind(site.id, "same-sub")
      .first<{ n: number }>();
    expect(users?.n).toBe(1);
  });

  it("keeps the same sub on two sites as two separate users", async () => {
    const a = await createSite();
    const b = await createSite();
    const onA = await ssoLogin(a.id, await signSso(a.secret, { sub: "shared-sub" }));
    const onB = await ssoLogin(b.id, await signSso(b.secret, { sub: "shared-sub" }));
    expect(onA.status).toBe(200);
    expect(onB.status).toBe(200);
    expect(onA.body.user.id).not.toBe(onB.body.user.id);
    expect(onA.body.user.siteId).toBe(a.id);
    expect(onB.body.user.siteId).toBe(b.id);
  });

  it("accepts an aud naming this site, alone or in a list", async () => {
    const site = await createSite();
    expect((await ssoLogin(site.id, await signSso(site.secret, { aud: site.id }))).status).toBe(200);
    expect((await ssoLogin(site.id, await signSso(site.secret, { aud: ["other-site", site.id] }))).status).toBe(200);
  });

  it("accepts a token valid for exactly 24 hours", async () => {
    const site = await createSite();
    const iat = now();
    const token = await signRaw(site.secret, { sub: "s", name: "n", iat, exp: iat + 24 * 3600 });
    expect((await ssoLogin(site.id, token)).status).toBe(200);
  });
});

describe("POST /api/v1/auth/sso — rejected tokens", () => {
  it("refuses a forged signature (signed with another secret)", async () => {
    const site = await createSite();
    const token = await signSso("an-attacker-guessed-secret-that-is-long-enough");
    expectInvalidToken(await ssoLogin(site.id, token), site.secret);
  });

  it("refuses a token whose signature was tampered with", async () => {
    const site = await createSite();
    const [header, , signature] = (await signSso(site.secret, { sub: "victim" })).split(".");
    const forgedPayload = b64url({ sub: "admin", name: "Admin", role: "moderator", iat: now(), exp: now() + 600 });
    expectInvalidToken(await ssoLogin(site.id, `${header}.${forgedPayload}.${signature}`));
  });

  it("refuses a token signed for another site", async () => {
    const a = await createSite();
    const b = await createSite();
    const tokenForB = await signSso(b.secret);
    expectInvalidToken(await ssoLogin(a.id, tokenForB), a.secret);
  });

  it("refuses a token whose aud names another site", async () => {
    const a = await createSite();
    const b = await createSite();
    expectInvalidToken(await ssoLogin(a.id, await signSso(a.secret, { aud: b.id })));
    expectInvalidToken(await ssoLogin(a.id, await signSso(a.secret, { aud: [b.id, "third"] })));
  });

  it("refuses an expired token", async () => {
    const site = await createSite();
    const token = await signRaw(site.secret, { sub: "s", name: "n", iat: now() - 7200, exp: now() - 3600 });
    expectInvalidToken(await ssoLogin(site.id, token));
  });

  it("refuses a token that is not yet valid (nbf in the future)", async () => {
    const site = await createSite();
    const token = await signRaw(site.secret, { sub: "s", name: "n", iat: now(), nbf: now() + 3600, exp: now() + 7200 });
    expectInvalidToken(await ssoLogin(site.id, token));
  });

  it("refuses a token issued in the future", async () => {
    const site = await createSite();
    const token = await signRaw(site.secret, { sub: "s", name: "n", iat: now() + 3600, exp: now() + 7200 });
    expectInvalidToken(await ssoLogin(site.id, token));
  });

  it("refuses a token valid for more than 24 hours", async () => {
    const site = await createSite();
    expectInvalidToken(await ssoLogin(site.id, await signSso(site.secret, {}, { expiresIn: "25h" })));
    // Without iat the lifetime counts from now.
    const noIat = await signRaw(site.secret, { sub: "s", name: "n", exp: now() + 30 * 24 * 3600 });
    expectInvalidToken(await ssoLogin(site.id, noIat));
  });

  it("refuses a token without exp", async () => {
    const site = await createSite();
    expectInvalidToken(await ssoLogin(site.id, await signRaw(site.secret, { sub: "s", name: "n", iat: now() })));
  });

  it("refuses a token without sub", async () => {
    const site = await createSite();
    expectInvalidToken(await ssoLogin(site.id, await signRaw(site.secret, { name: "n", iat: now(), exp: now() + 600 })));
  });

  it("refuses a token without name, or with a blank one", async () => {
    const site = await createSite();
    expectInvalidToken(await ssoLogin(site.id, await signRaw(site.secret, { sub: "s", iat: now(), exp: now() + 600 })));
    expectInvalidToken(await ssoLogin(site.id, await signSso(site.secret, { name: "   " })));
  });

  it("refuses a name made only of controls, bidi or invisible characters", async () => {
    const site = await createSite();
    for (const name of ["\u0000\u0007\u202E", "\u3164\u3164", "\u200B\u2066\u200D \u2800"]) {
      const res = await ssoLogin(site.id, await signSso(site.secret, { name }));
      expectInvalidToken(res);
      expect(res.body.error.message).toContain("name");
    }
  });

  it("refuses an unknown role claim", async () => {
    const site = await createSite();
    expectInvalidToken(await ssoLogin(site.id, await signSso(site.secret, { role: "admin" })));
  });

  it("refuses an avatar that is not an http(s) URL", async () => {
    const site = await createSite();
    expectInvalidToken(await ssoLogin(site.id, await signSso(site.secret, { avatar: "javascript:alert(1)" })));
  });

  it("refuses an unsigned token (alg none)", async () => {
    const site = await createSite();
    const unsigned = `${b64url({ alg: "none", typ: "JWT" })}.${b64url({ sub: "s", name: "n", iat: now(), exp: now() + 600 })}.`;
    expectInvalidToken(await ssoLogin(site.id, unsigned));
  });

  it("refuses HS384 and HS512 tokens even with the right secret", async () => {
    const site = await createSite();
    expectInvalidToken(await ssoLogin(site.id, await signSso(site.secret, {}, { alg: "HS384" })));
    expectInvalidToken(await ssoLogin(site.id, await signSso(site.secret, {}, { alg: "HS512" })));
  });

  it("refuses a string that is not a JWT", async () => {
    const site = await createSite();
    expectInvalidToken(await ssoLogin(site.id, "garbage"));
    expectInvalidToken(await ssoLogin(site.id, "a.b.c"));
  });

  it("creates no user or session for a refused token", async () => {
    const site = await createSite();
    await ssoLogin(site.id, await signSso("some-other-secret-of-sufficient-length", { sub: "intruder" }));
    const row = await env.DB.prepare("select count(*) as n from users where site_id = ?").bind(site.id).first<{ n: number }>();
    expect(row?.n).toBe(0);
  });
});

describe("POST /api/v1/auth/sso — bad requests", () => {
  it("answers 404 site_not_found for an unknown site", async () => {
    const site = await createSite();
    const res = await ssoLogin("no-such-site", await signSso(site.secret));
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("site_not_found");
  });

  it("answers 400 invalid_request naming a missing token", async () => {
    const site = await createSite();
    const res = await api("/api/v1/auth/sso", { method: "POST", json: { site: site.id } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_request");
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: "token" })]));
  });

  it("answers 400 invalid_request for an extra field", async () => {
    const site = await createSite();
    const res = await api("/api/v1/auth/sso", { method: "POST", json: { site: site.id, token: await signSso(site.secret), role: "moderator" } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_request");
    expect(detailPaths(res)).toEqual(["role"]);
  });

  it("answers 400 invalid_request when the token is not a string", async () => {
    const site = await createSite();
    const res = await api("/api/v1/auth/sso", { method: "POST", json: { site: site.id, token: 42 } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_request");
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: "token" })]));
  });
});

describe("POST /api/v1/auth/sso — secret rotation", () => {
  it("refuses tokens signed with the old secret and accepts the new one after rotation", async () => {
    const site = await createSite();
    const oldToken = await signSso(site.secret);
    const rotated = await api(`/api/v1/admin/sites/${site.id}/rotate-secret`, { method: "POST", headers: ADMIN });
    expect(rotated.status).toBe(200);
    const newSecret = rotated.body.ssoSecret as string;
    expect(newSecret).not.toBe(site.secret);

    expectInvalidToken(await ssoLogin(site.id, oldToken));
    expectInvalidToken(await ssoLogin(site.id, await signSso(site.secret)));
    expect((await ssoLogin(site.id, await signSso(newSecret))).status).toBe(200);
  });

  it("uses a secret given to rotate-secret", async () => {
    const site = await createSite();
    const chosen = "a-chosen-secret-that-is-at-least-32-characters";
    const rotated = await api(`/api/v1/admin/sites/${site.id}/rotate-secret`, { method: "POST", headers: ADMIN, json: { ssoSecret: chosen } });
    expect(rotated.status).toBe(200);
    expect(rotated.body.ssoSecret).toBe(chosen);
    expect((await ssoLogin(site.id, await signSso(chosen))).status).toBe(200);
    expectInvalidToken(await ssoLogin(site.id, await signSso(site.secret)));
  });
});
