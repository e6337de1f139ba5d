import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Env } from "../../src/env";
import { seal } from "../../src/lib/crypto";
import { forgetLoggedProblems, openSecret, secretsKey } from "../../src/lib/secretsKey";
import { ADMIN, apiWithBindings, createSite, signSso } from "../helpers";

const KEY_A = "key-a-0123456789abcdef0123456789abcdef";
const KEY_B = "key-b-0123456789abcdef0123456789abcdef";

/** Calls the Worker with these secrets instead of the test config's (none given: no SECRETS_KEY). */
const callWith = (secrets: Partial<Pick<Env, "SECRETS_KEY" | "SECRETS_KEY_PREVIOUS">>, path: string, init: RequestInit & { json?: unknown } = {}) =>
  apiWithBindings({ SECRETS_KEY: undefined, ...secrets }, path, init);

const count = async (sql: string, ...args: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...args)
    .first<{ n: number }>())!.n;

afterEach(() => vi.restoreAllMocks());

describe("secretsKey", () => {
  it("accepts a key of 32 bytes or more, and refuses a missing or shorter one with misconfigured", () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect(secretsKey({ SECRETS_KEY: "x".repeat(32) })).toBe("x".repeat(32));
    // Bytes, not characters: 11 Hangul syllables are 33 bytes of UTF-8.
    expect(secretsKey({ SECRETS_KEY: "가".repeat(11) })).toBe("가".repeat(11));
    for (const SECRETS_KEY of [undefined, "", "x".repeat(31), "undefined"]) {
      expect(() => secretsKey({ SECRETS_KEY })).toThrowError(expect.objectContaining({ code: "misconfigured", status: 503 }));
    }
  });

  it("opens values sealed under the previous key during a rotation, and says they are stale", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const sealed = await seal("s3cret", KEY_A);
    expect(await openSecret({ SECRETS_KEY: KEY_A }, sealed)).toEqual({ plain: "s3cret", stale: false });
    expect(await openSecret({ SECRETS_KEY: KEY_B, SECRETS_KEY_PREVIOUS: KEY_A }, sealed)).toEqual({ plain: "s3cret", stale: true });
    await expect(openSecret({ SECRETS_KEY: KEY_B }, sealed)).rejects.toMatchObject({ code: "misconfigured" });
  });
});

describe("without SECRETS_KEY the service fails closed", () => {
  it("answers 503 misconfigured to every request that seals or unseals, writes nothing, and logs once", async () => {
    forgetLoggedProblems();
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const site = await createSite();
    const sealedBefore = await env.DB.prepare("select sso_secret_sealed as s from sites where id = ?").bind(site.id).first<{ s: string }>();
    const users = await count("select count(*) as n from users");

    const attempts = [
      callWith({}, "/api/v1/admin/sites", { method: "POST", headers: ADMIN, json: { id: "no-key-site", name: "No key", origins: [] } }),
      callWith({}, `/api/v1/admin/sites/${site.id}/rotate-secret`, { method: "POST", headers: ADMIN }),
      callWith({}, `/api/v1/admin/sites/${site.id}/rotate-webhook-secret`, { method: "POST", headers: ADMIN }),
      callWith({}, `/api/v1/admin/sites/${site.id}/login-providers/kakao`, {
        method: "PUT",
        headers: ADMIN,
        json: { enabled: true, clientId: "kakao-client", clientSecret: "kakao-secret" },
      }),
      callWith({}, "/api/v1/auth/sso", { method: "POST", json: { site: site.id, token: await signSso(site.secret) } }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(503);
      expect(res.body.error).toMatchObject({ code: "misconfigured", message: expect.stringContaining("SECRETS_KEY") });
    }

    expect(await count("select count(*) as n from sites where id = 'no-key-site'")).toBe(0);
    expect(await env.DB.prepare("select sso_secret_sealed as s from sites where id = ?").bind(site.id).first<{ s: string }>()).toEqual(sealedBefore);
    expect(await count("select count(*) as n from login_providers where site_id = ?", site.id)).toBe(0);
    expect(await count("select count(*) as n from users")).toBe(users);
    const logged = errors.mock.calls.filter((call) => String(call[0]).includes("SECRETS_KEY secret is not set"));
    expect(logged).toHaveLength(1);
  });

  it("refuses a key shorter than 32 bytes the same way", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await callWith({ SECRETS_KEY: "short-key" }, "/api/v1/admin/sites", {
      method: "POST",
      headers: ADMIN,
      json: { id: "short-key-site", name: "Short", origins: [] },
    });
    expect(res.status).toBe(503);
    expect(res.body.error.message).toContain("shorter than 32 bytes");
    expect(await count("select count(*) as n from sites where id = 'short-key-site'")).toBe(0);
  });

  it("shows the social login popup an error page, before recording a pending login", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const site = await createSite();
    const res = await callWith({}, `/api/v1/auth/kakao/start?site=${site.id}&origin=${encodeURIComponent(site.origin)}`);
    expect(res.status).toBe(503);
    expect(String(res.body)).toContain("misconfigured");
    expect(await count("select count(*) as n from pending_logins where site_id = ?", site.id)).toBe(0);
  });
});

describe("rotating SECRETS_KEY", () => {
  it("keeps logins working with SECRETS_KEY_PREVIOUS, and re-seals every row under the new key", async () => {
    const site = await createSite();
    // The test config's key plays the old one; KEY_B is the new one.
    const oldKey = (env as Env).SECRETS_KEY!;
    const login = async (secrets: Partial<Env>) =>
      (await callWith(secrets, "/api/v1/auth/sso", { method: "POST", json: { site: site.id, token: await signSso(site.secret) } })).status;
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await login({ SECRETS_KEY: KEY_B })).toBe(503);
    expect(await login({ SECRETS_KEY: KEY_B, SECRETS_KEY_PREVIOUS: oldKey })).toBe(200);

    const resealed = await callWith({ SECRETS_KEY: KEY_B, SECRETS_KEY_PREVIOUS: oldKey }, "/api/v1/admin/reseal", { method: "POST", headers: ADMIN });
    expect(resealed.status).toBe(200);
    expect(resealed.body.resealed.sites).toBeGreaterThanOrEqual(1);
    // Again: nothing is left under the old key.
    const again = await callWith({ SECRETS_KEY: KEY_B, SECRETS_KEY_PREVIOUS: oldKey }, "/api/v1/admin/reseal", { method: "POST", headers: ADMIN });
    expect(again.body.resealed).toEqual({ sites: 0, providers: 0 });

    expect(await login({ SECRETS_KEY: KEY_B })).toBe(200);
    expect(await login({ SECRETS_KEY: oldKey })).toBe(503);
  });
});
