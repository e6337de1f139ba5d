import { env } from "cloudflare:workers";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { cleanUp } from "../../src/maintenance/cleanup";
import { createDb } from "../../src/db/client";
import { api, createSite, signSso } from "../helpers";

const exchange = (site: { id: string }, token: string) => api("/api/v1/auth/sso", { method: "POST", json: { site: site.id, token } });
const sessionsOf = async (userId: string) =>
  (await env.DB.prepare("select count(*) as n from sessions where user_id = ?").bind(userId).first<{ n: number }>())!.n;

/** A token without jti, as a site that does not set one signs it. */
const withoutJti = (secret: string, claims: Record<string, unknown>, iat: number) =>
  new SignJWT({ name: "독자", ...claims })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuedAt(iat)
    .setExpirationTime(iat + 600)
    .sign(new TextEncoder().encode(secret));

describe("an SSO token logs in once", () => {
  it("refuses a second exchange of the same token with 401 token_replayed, and opens no session", async () => {
    const site = await createSite();
    const token = await signSso(site.secret);
    const first = await exchange(site, token);
    expect(first.status).toBe(200);
    const again = await exchange(site, token);
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe("token_replayed");
    expect(await sessionsOf(first.body.user.id)).toBe(1);
  });

  it("lets exactly one of several concurrent exchanges of a token through", async () => {
    const site = await createSite();
    const token = await signSso(site.secret);
    const results = await Promise.all(Array.from({ length: 5 }, () => exchange(site, token)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 401, 401, 401, 401]);
    expect(results.filter((r) => r.status === 401).every((r) => r.body.error.code === "token_replayed")).toBe(true);
  });

  it("keys tokens without jti by their hash: the same token once, a new token again", async () => {
    const site = await createSite();
    const now = Math.floor(Date.now() / 1000);
    const token = await withoutJti(site.secret, { sub: "no-jti" }, now);
    expect((await exchange(site, token)).status).toBe(200);
    expect((await exchange(site, token)).body.error.code).toBe("token_replayed");
    expect((await exchange(site, await withoutJti(site.secret, { sub: "no-jti" }, now + 1))).status).toBe(200);
  });

  it("scopes a jti to its subject: another reader's token with the same jti logs in", async () => {
    const site = await createSite();
    expect((await exchange(site, await signSso(site.secret, { sub: "a", jti: "42" }))).status).toBe(200);
    expect((await exchange(site, await signSso(site.secret, { sub: "b", jti: "42" }))).status).toBe(200);
    // A different token string of the same subject and jti is still the same token.
    expect((await exchange(site, await signSso(site.secret, { sub: "a", jti: "42", name: "다른 이름" }))).body.error.code).toBe("token_replayed");
  });

  it("forgets spent tokens once they expire (daily clean-up)", async () => {
    const site = await createSite();
    await exchange(site, await signSso(site.secret, { sub: "expiring" }, { expiresIn: "1m" }));
    const spent = async () => (await env.DB.prepare("select count(*) as n from sso_exchanges where site_id = ?").bind(site.id).first<{ n: number }>())!.n;
    expect(await spent()).toBe(1);
    await cleanUp(createDb(env.DB), Date.now() + 5 * 60_000);
    expect(await spent()).toBe(0);
  });
});

describe("log out everywhere ends SSO tokens issued before it", () => {
  it("refuses a token issued before the logout, and accepts one issued after", async () => {
    const site = await createSite();
    const sub = `reader-${crypto.randomUUID()}`;
    const now = Math.floor(Date.now() / 1000);
    const stolen = await signSso(site.secret, { sub }, { iat: now - 30 });
    const session = (await exchange(site, await signSso(site.secret, { sub }, { iat: now - 60 }))).body.session as string;
    expect((await api("/api/v1/auth/logout-everywhere", { method: "POST", headers: { Authorization: `Bearer ${session}` } })).status).toBe(204);

    const refused = await exchange(site, stolen);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe("invalid_token");
    expect(refused.body.error.message).toContain("logged out everywhere");
    expect((await exchange(site, await signSso(site.secret, { sub }))).status).toBe(200);
  });
});
