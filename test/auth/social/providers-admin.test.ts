import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { clientSecretOf } from "../../../src/auth/social/clientSecret";
import { seal } from "../../../src/lib/crypto";
import { ADMIN, api, createSite, detailPaths, refusal } from "../../helpers";
import { configureProvider, naverConfig, oidcConfig, providers } from "./driver";

const put = (siteId: string, provider: string, json: unknown, headers: Record<string, string> = ADMIN) =>
  api(`/api/v1/admin/sites/${siteId}/login-providers/${provider}`, { method: "PUT", headers, json });
const stored = (siteId: string, provider: string) =>
  env.DB.prepare("select * from login_providers where site_id = ? and id = ?").bind(siteId, provider).first<Record<string, unknown>>();

describe("admin API for a site's login providers", () => {
  it("stores a client secret only sealed, and never shows it", async () => {
    const site = await createSite();
    const res = await put(site.id, "google", { clientId: "google-client", clientSecret: "google-secret-value" });
    expect(res.status).toBe(200);
    expect(res.body.provider).toMatchObject({
      id: "google",
      kind: "oidc",
      label: "Google",
      enabled: true,
      clientId: "google-client",
      hasClientSecret: true,
      clientSecretRef: null,
      issuer: "https://accounts.google.com",
      scopes: ["openid", "email", "profile"],
    });
    expect(JSON.stringify(res.body)).not.toContain("google-secret-value");
    const row = await stored(site.id, "google");
    expect(JSON.stringify(row)).not.toContain("google-secret-value");
    expect(row!.client_secret_sealed).toMatch(/^v1\./);
    const listed = await api(`/api/v1/admin/sites/${site.id}/login-providers`, { headers: ADMIN });
    expect(listed.body.providers).toHaveLength(1);
    expect(JSON.stringify(listed.body)).not.toContain("google-secret-value");
  });

  it("keeps the stored secret when a PUT omits it, and removes it on null", async () => {
    const site = await createSite();
    await put(site.id, "kakao", { clientId: "k", clientSecret: "kakao-secret" });
    const sealed = (await stored(site.id, "kakao"))!.client_secret_sealed;
    expect((await put(site.id, "kakao", { clientId: "k", enabled: false })).body.provider).toMatchObject({ enabled: false, hasClientSecret: true });
    expect((await stored(site.id, "kakao"))!.client_secret_sealed).toBe(sealed);
    expect((await put(site.id, "kakao", { clientId: "k", clientSecret: null })).body.provider.hasClientSecret).toBe(false);
  });

  it("names a Worker secret instead, but only one shaped like a client secret", async () => {
    const site = await createSite();
    const ok = await put(site.id, "kakao", { clientId: "k", clientSecretRef: "KAKAO_CLIENT_SECRET_DEMO" });
    expect(ok.body.provider).toMatchObject({ clientSecretRef: "KAKAO_CLIENT_SECRET_DEMO", hasClientSecret: false });
    for (const name of ["SECRETS_KEY", "ADMIN_TOKEN", "kakao_client_secret"]) {
      const res = await put(site.id, "kakao", { clientId: "k", clientSecretRef: name });
      expect(refusal(res)).toEqual([400, "invalid_request"]);
      expect(detailPaths(res)[0]).toBe("clientSecretRef");
    }
  });

  it.each([
    ["a generic provider without issuer", "corp", { clientId: "c" }, "issuer"],
    ["an issuer for Naver", "naver", { clientId: "n", issuer: "https://nid.naver.com" }, "issuer"],
    [
      "endpoints for an OpenID provider",
      "google",
      { clientId: "g", endpoints: { authorization: "https://a.example", token: "https://a.example", profile: "https://a.example" } },
      "endpoints",
    ],
    ["scopes without openid", "corp", { clientId: "c", issuer: "https://id.example", scopes: ["profile"] }, "scopes"],
    ["a plain-http issuer off loopback", "corp", { clientId: "c", issuer: "http://id.example" }, "issuer"],
    ["an unknown field", "corp", { clientId: "c", issuer: "https://id.example", secret: "x" }, "secret"],
  ])("refuses %s (400 naming the field)", async (_, provider, body, field) => {
    const site = await createSite();
    const res = await put(site.id, provider, body);
    expect(refusal(res)).toEqual([400, "invalid_request"]);
    expect(detailPaths(res)).toContain(field);
  });

  it("refuses provider ids that are not slugs, or 'sso'", async () => {
    const site = await createSite();
    for (const id of ["sso", "Corp", "x"]) {
      const res = await put(site.id, id, { clientId: "c", issuer: "https://id.example" });
      expect(refusal(res), id).toEqual([400, "invalid_request"]);
      expect(detailPaths(res)).toEqual(["provider"]);
    }
  });

  it("requires the admin token and an existing site", async () => {
    const site = await createSite();
    expect(refusal(await put(site.id, "google", { clientId: "g" }, {}))).toEqual([401, "unauthenticated"]);
    expect(refusal(await put(site.id, "google", { clientId: "g" }, { Authorization: "Bearer wrong" }))).toEqual([403, "forbidden"]);
    expect(refusal(await put("no-such-site", "google", { clientId: "g" }))).toEqual([404, "site_not_found"]);
  });

  it("removes a provider; readers then cannot log in with it", async () => {
    const site = await createSite();
    await configureProvider(site.id, "corp", oidcConfig());
    expect((await api(`/api/v1/admin/sites/${site.id}/login-providers/corp`, { method: "DELETE", headers: ADMIN })).status).toBe(204);
    expect(refusal(await api(`/api/v1/admin/sites/${site.id}/login-providers/corp`, { method: "DELETE", headers: ADMIN }))).toEqual([404, "not_found"]);
    expect(await stored(site.id, "corp")).toBeNull();
  });
});

describe("GET /api/v1/sites/:site/login-providers", () => {
  it("lists the enabled providers for the widget's account chooser, nothing secret", async () => {
    const site = await createSite();
    await configureProvider(site.id, "naver", naverConfig());
    await configureProvider(site.id, "corp", oidcConfig("marginalia", { label: "사내 계정" }));
    await configureProvider(site.id, "kakao", { clientId: "k", enabled: false });
    const res = await api(`/api/v1/sites/${site.id}/login-providers`);
    expect(res.status).toBe(200);
    expect(res.body.providers).toEqual([
      { id: "corp", kind: "oidc", label: "사내 계정" },
      { id: "naver", kind: "naver", label: "네이버" },
    ]);
    expect(JSON.stringify(res.body)).not.toContain(providers.clientSecret);
  });
});

describe("clientSecretOf", () => {
  const row = { id: "kakao", clientSecretRef: null, clientSecretSealed: null };

  it("reads the named Worker secret", async () => {
    expect(
      await clientSecretOf({ ...row, clientSecretRef: "KAKAO_CLIENT_SECRET_DEMO" }, { SECRETS_KEY: "k", KAKAO_CLIENT_SECRET_DEMO: "from-env" } as never),
    ).toBe("from-env");
  });

  it("unseals the stored secret", async () => {
    const key = "a-secrets-key-of-at-least-32-bytes!";
    expect(await clientSecretOf({ ...row, clientSecretSealed: await seal("sealed-one", key) }, { SECRETS_KEY: key })).toBe("sealed-one");
  });

  it("has none for a public client", async () => {
    expect(await clientSecretOf(row, { SECRETS_KEY: "k" })).toBeUndefined();
  });

  it("refuses a missing Worker secret, and never reads one not shaped like a client secret", async () => {
    await expect(clientSecretOf({ ...row, clientSecretRef: "KAKAO_CLIENT_SECRET_X" }, { SECRETS_KEY: "k" })).rejects.toMatchObject({
      code: "provider_misconfigured",
    });
    await expect(clientSecretOf({ ...row, clientSecretRef: "SECRETS_KEY" }, { SECRETS_KEY: "k" })).rejects.toMatchObject({ code: "provider_misconfigured" });
  });
});

describe("API reference", () => {
  it("documents the social login, link and account routes", async () => {
    const paths = Object.keys((await api("/api/v1/openapi.json")).body.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        "/api/v1/auth/{provider}/start",
        "/api/v1/auth/{provider}/callback",
        "/api/v1/auth/{provider}/link",
        "/api/v1/auth/link/confirm",
        "/api/v1/sites/{site}/login-providers",
        "/api/v1/admin/sites/{site}/login-providers/{provider}",
        "/api/v1/me/identities",
        "/api/v1/me/identities/{provider}",
        "/api/v1/me/export",
        "/api/v1/auth/logout-everywhere",
      ]),
    );
  });
});
