import { describe, expect, it } from "vitest";
import { createSite } from "../../helpers";
import { atProvider, callback, configureProvider, countRows, oidcConfig, providers, socialLogin, start, type Finished } from "./driver";

async function corpSite(clientId = "marginalia") {
  const site = await createSite();
  await configureProvider(site.id, "corp", oidcConfig(clientId));
  return site;
}

const hint = (prefix: string) => ({ login_hint: `${prefix}-${crypto.randomUUID()}` });

function expectFailure(res: Finished, code: string, status: number) {
  expect(res.status, res.html).toBe(status);
  expect(res.message).toMatchObject({ type: "marginalia:login", ok: false, error: { code, message: expect.any(String) } });
  expect(res.message.session).toBeUndefined();
  // An error page stays open with its message; only a success closes itself.
  expect(res.html).toContain(res.message.error.message.replace(/'/g, "&#39;"));
}

async function expectNothingCreated(siteId: string) {
  expect(await countRows("users", "site_id = ?", siteId)).toBe(0);
  expect(await countRows("identities", "site_id = ?", siteId)).toBe(0);
  expect(await countRows("sessions", "site_id = ?", siteId)).toBe(0);
}

describe("social login failures end in a clear page and create nothing", () => {
  it("reports a reader who cancels at the provider (access_denied)", async () => {
    const site = await corpSite();
    const res = await socialLogin("corp", { site: site.id, origin: site.origin }, hint("cancel"));
    expect(new URL(res.callbackUrl).searchParams.get("error")).toBe("access_denied");
    expectFailure(res, "login_cancelled", 400);
    await expectNothingCreated(site.id);
    expect(await countRows("pending_logins", "site_id = ?", site.id)).toBe(0);
  });

  it("refuses a callback with a state it never issued", async () => {
    const site = await corpSite();
    const started = await start("corp", { site: site.id, origin: site.origin });
    const url = new URL(await atProvider(started.location!, hint("forged")));
    url.searchParams.set("state", "forged-state-forged-state-forged-state-forged");
    expectFailure(await callback(url.href, started.cookie), "invalid_state", 400);
    await expectNothingCreated(site.id);
  });

  it("refuses a callback without a state", async () => {
    const site = await corpSite();
    expectFailure(await callback(`https://marginalia.test/api/v1/auth/corp/callback?code=abc`), "invalid_state", 400);
    await expectNothingCreated(site.id);
  });

  it("refuses a replayed callback: the state is used once", async () => {
    const site = await corpSite();
    const first = await socialLogin("corp", { site: site.id, origin: site.origin }, hint("replay"));
    expect(first.message.ok).toBe(true);
    expectFailure(await callback(first.callbackUrl, first.cookie), "invalid_state", 400);
    expect(await countRows("users", "site_id = ?", site.id)).toBe(1);
    expect(await countRows("sessions", "site_id = ?", site.id)).toBe(1);
  });

  it("refuses a replayed code under a fresh state (the provider rejects it)", async () => {
    const site = await corpSite();
    const first = await socialLogin("corp", { site: site.id, origin: site.origin }, hint("code"));
    expect(first.message.ok).toBe(true);
    const second = await start("corp", { site: site.id, origin: site.origin });
    const replay = new URL(first.callbackUrl);
    replay.searchParams.set("state", new URL(second.location!).searchParams.get("state")!);
    expectFailure(await callback(replay.href, second.cookie), "provider_error", 502);
    expect(await countRows("sessions", "site_id = ?", site.id)).toBe(1);
  });

  it("refuses a callback opened in another browser (no binding cookie)", async () => {
    const site = await corpSite();
    const started = await start("corp", { site: site.id, origin: site.origin });
    const url = await atProvider(started.location!, hint("elsewhere"));
    const res = await callback(url);
    expectFailure(res, "invalid_state", 400);
    expect(res.message.error.message).toMatch(/another browser/);
    await expectNothingCreated(site.id);
    // The pending login is gone too: the real browser cannot be raced into someone else's login.
    expectFailure(await callback(url, started.cookie), "invalid_state", 400);
  });

  it("refuses an authorization response naming another issuer (mix-up)", async () => {
    const site = await corpSite();
    const started = await start("corp", { site: site.id, origin: site.origin });
    const url = new URL(await atProvider(started.location!, hint("mixup")));
    url.searchParams.set("iss", "https://issuer.invalid");
    expectFailure(await callback(url.href, started.cookie), "invalid_state", 400);
    await expectNothingCreated(site.id);
  });

  it.each([
    ["tamper-aud", "for another audience"],
    ["tamper-exp", "expired"],
    ["tamper-sig", "signed with a key not in the provider's JWKS"],
    ["tamper-nonce", "with another login's nonce"],
    ["tamper-iss", "from another issuer"],
  ])("refuses an ID token %s (%s)", async (clientId) => {
    const site = await corpSite(clientId);
    const res = await socialLogin("corp", { site: site.id, origin: site.origin }, hint(clientId));
    expectFailure(res, "invalid_id_token", 401);
    await expectNothingCreated(site.id);
  });

  it("answers an unknown provider with a page naming it", async () => {
    const site = await corpSite();
    for (const provider of ["facebook", "SSO"]) {
      const res = await callback(`https://marginalia.test/api/v1/auth/${provider}/start?site=${site.id}&origin=${encodeURIComponent(site.origin)}`);
      expectFailure(res, "provider_not_found", 404);
      expect(res.message.provider).toBe(provider);
    }
  });

  it("refuses a built-in provider the site has not enabled, or has switched off", async () => {
    const site = await corpSite();
    expectFailure(
      await callback(`https://marginalia.test/api/v1/auth/google/start?site=${site.id}&origin=${encodeURIComponent(site.origin)}`),
      "provider_not_enabled",
      403,
    );
    await configureProvider(site.id, "corp", oidcConfig("marginalia", { enabled: false }));
    expectFailure(
      await callback(`https://marginalia.test/api/v1/auth/corp/start?site=${site.id}&origin=${encodeURIComponent(site.origin)}`),
      "provider_not_enabled",
      403,
    );
    expect(await countRows("pending_logins", "site_id = ?", site.id)).toBe(0);
  });

  it("refuses to finish a login whose provider was switched off meanwhile", async () => {
    const site = await corpSite();
    const started = await start("corp", { site: site.id, origin: site.origin });
    const url = await atProvider(started.location!, hint("off"));
    await configureProvider(site.id, "corp", oidcConfig("marginalia", { enabled: false }));
    expectFailure(await callback(url, started.cookie), "provider_not_enabled", 403);
    await expectNothingCreated(site.id);
  });

  it("starts only from the site's own pages and for a known site", async () => {
    const site = await corpSite();
    const from = (origin: string, siteId = site.id) =>
      callback(`https://marginalia.test/api/v1/auth/corp/start?site=${siteId}&origin=${encodeURIComponent(origin)}`);
    expectFailure(await from("https://evil.example"), "origin_not_allowed", 403);
    expectFailure(await from(site.origin, "no-such-site"), "site_not_found", 404);
    expect((await start("corp", { site: site.id, origin: "http://dev.localhost:9999" })).status).toBe(302);
    expectFailure(await callback(`https://marginalia.test/api/v1/auth/corp/start?origin=${encodeURIComponent(site.origin)}`), "invalid_request", 400);
  });

  it("starts from the service's own origin (the moderator dashboard), but not from a look-alike", async () => {
    const site = await corpSite();
    const fromService = await start("corp", { site: site.id, origin: "https://marginalia.test" });
    expect(fromService.status).toBe(302);
    expect(new URL(fromService.location!).origin).toBe(new URL(providers.issuer).origin);
    const from = (origin: string) => callback(`https://marginalia.test/api/v1/auth/corp/start?site=${site.id}&origin=${encodeURIComponent(origin)}`);
    expectFailure(await from("https://marginalia.test.evil.example"), "origin_not_allowed", 403);
    expectFailure(await from("http://marginalia.test"), "origin_not_allowed", 403);
    expectFailure(await from("https://unrelated.example"), "origin_not_allowed", 403);
    expect(await countRows("pending_logins", "site_id = ? and origin != ?", site.id, "https://marginalia.test")).toBe(0);
  });

  it("finishes a dashboard login with a session posted only to the service's origin", async () => {
    const site = await corpSite();
    const res = await socialLogin("corp", { site: site.id, origin: "https://marginalia.test" }, hint("dashboard"));
    expect(res.message).toMatchObject({ ok: true, kind: "login", session: expect.any(String), origin: "https://marginalia.test" });
    expect(res.html).toContain('var target = "https://marginalia.test";');
  });

  it("reports a provider that cannot be reached, keeping no pending login", async () => {
    const site = await createSite();
    await configureProvider(site.id, "corp", oidcConfig("marginalia", { issuer: "http://127.0.0.1:9/nowhere" }));
    expectFailure(
      await callback(`https://marginalia.test/api/v1/auth/corp/start?site=${site.id}&origin=${encodeURIComponent(site.origin)}`),
      "provider_error",
      502,
    );
    expect(await countRows("pending_logins", "site_id = ?", site.id)).toBe(0);
  });

  it("reports a provider whose named Worker secret is not set", async () => {
    const site = await createSite();
    await configureProvider(site.id, "corp", { clientId: "marginalia", clientSecretRef: "CORP_CLIENT_SECRET_UNSET", issuer: providers.issuer });
    const res = await callback(`https://marginalia.test/api/v1/auth/corp/start?site=${site.id}&origin=${encodeURIComponent(site.origin)}`);
    expectFailure(res, "provider_misconfigured", 500);
    expect(res.html).not.toContain("CORP_CLIENT_SECRET_UNSET");
  });
});
