import { describe, expect, it } from "vitest";
import { api, createSite } from "../../helpers";
import { atProvider, callback, configureProvider, countRows, naverConfig, providers, socialLogin, start } from "./driver";

async function naverSite() {
  const site = await createSite();
  await configureProvider(site.id, "naver", naverConfig());
  return site;
}

describe("social login with Naver (OAuth 2 and its profile API)", () => {
  it("creates an account from Naver's profile (nickname, email, image) on first login", async () => {
    const site = await naverSite();
    const member = `m-${crypto.randomUUID()}`;
    const res = await socialLogin("naver", { site: site.id, origin: site.origin }, { user: member });
    expect(res.status, res.html).toBe(200);
    expect(res.message).toMatchObject({ ok: true, provider: "naver", created: true });
    expect(res.message.user).toMatchObject({ name: `네이버 ${member}`, email: `${member}@naver.test`, avatar: `https://phinf.example/${member}.png` });
    const identities = await api("/api/v1/me/identities", { headers: { Authorization: `Bearer ${res.message.session}` } });
    expect(identities.body.identities.map((i: { provider: string }) => i.provider)).toEqual(["naver"]);
  });

  it("logs a returning member into the same account", async () => {
    const site = await naverSite();
    const member = `again-${crypto.randomUUID()}`;
    const first = await socialLogin("naver", { site: site.id, origin: site.origin }, { user: member });
    const second = await socialLogin("naver", { site: site.id, origin: site.origin }, { user: member });
    expect(second.message).toMatchObject({ ok: true, created: false });
    expect(second.message.user.id).toBe(first.message.user.id);
    expect(await countRows("users", "site_id = ?", site.id)).toBe(1);
  });

  it("sends Naver's authorize parameters (no OpenID scope or nonce)", async () => {
    const site = await naverSite();
    const url = new URL((await start("naver", { site: site.id, origin: site.origin })).location!);
    expect(url.href.startsWith(`${providers.naver}/oauth2.0/authorize?`)).toBe(true);
    expect(url.searchParams.get("response_type")).toBe("code");
    expect(url.searchParams.get("client_id")).toBe(providers.naverClientId);
    expect(url.searchParams.has("scope")).toBe(false);
    expect(url.searchParams.has("nonce")).toBe(false);
  });

  it("reports a member who cancels at Naver", async () => {
    const site = await naverSite();
    const res = await socialLogin("naver", { site: site.id, origin: site.origin }, { cancel: "1" });
    expect(res.status).toBe(400);
    expect(res.message.error.code).toBe("login_cancelled");
    expect(await countRows("users", "site_id = ?", site.id)).toBe(0);
  });

  it("reports Naver's token error (answered with status 200) for a replayed code", async () => {
    const site = await naverSite();
    const first = await socialLogin("naver", { site: site.id, origin: site.origin }, { user: `r-${crypto.randomUUID()}` });
    expect(first.message.ok).toBe(true);
    const second = await start("naver", { site: site.id, origin: site.origin });
    const replay = new URL(first.callbackUrl);
    replay.searchParams.set("state", new URL(second.location!).searchParams.get("state")!);
    const res = await callback(replay.href, second.cookie);
    expect(res.status).toBe(502);
    expect(res.message.error.code).toBe("provider_error");
    expect(await countRows("sessions", "site_id = ?", site.id)).toBe(1);
  });

  it("reports a wrong client secret as a provider error, creating nothing", async () => {
    const site = await createSite();
    await configureProvider(site.id, "naver", naverConfig({ clientSecret: "not-the-secret" }));
    const started = await start("naver", { site: site.id, origin: site.origin });
    const res = await callback(await atProvider(started.location!, { user: "x" }), started.cookie);
    expect(res.message.error.code).toBe("provider_error");
    expect(await countRows("users", "site_id = ?", site.id)).toBe(0);
  });
});
