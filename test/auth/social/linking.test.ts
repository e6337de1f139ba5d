import { describe, expect, it } from "vitest";
import { api, createSite, login, refusal } from "../../helpers";
import { atProvider, callback, configureProvider, countRows, naverConfig, oidcConfig, socialLogin, start } from "./driver";

const bearer = (session: string) => ({ Authorization: `Bearer ${session}` });

async function twoProviderSite() {
  const site = await createSite();
  await configureProvider(site.id, "corp", oidcConfig());
  await configureProvider(site.id, "naver", naverConfig());
  return site;
}

async function linkUrl(provider: string, session: string, origin: string) {
  const res = await api(`/api/v1/auth/${provider}/link`, { method: "POST", headers: bearer(session), json: { origin } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.url as string;
}

/** Opens the link URL in the "popup" and logs in at the provider. */
async function openLink(url: string, hint: Record<string, string>) {
  const provider = new URL(url).pathname.split("/")[4]!;
  const started = await start(provider, Object.fromEntries(new URL(url).searchParams));
  if (started.status !== 302) return callback(url);
  return callback(await atProvider(started.location!, hint), started.cookie);
}

const confirm = (proof: string, session: string) => api("/api/v1/auth/link/confirm", { method: "POST", headers: bearer(session), json: { proof } });

/** The widget's whole link: ticket, popup, then confirmation with its own session. */
async function link(provider: string, session: string, origin: string, hint: Record<string, string>) {
  const popup = await openLink(await linkUrl(provider, session, origin), hint);
  if (!popup.message.ok) return { popup, confirmed: undefined };
  return { popup, confirmed: await confirm(popup.message.linkProof, session) };
}

const providersOf = async (session: string) =>
  (await api("/api/v1/me/identities", { headers: bearer(session) })).body.identities.map((i: { provider: string }) => i.provider);

describe("linking a second provider to the logged-in account", () => {
  it("attaches Naver to the account logged in with an OpenID provider; either then logs into it", async () => {
    const site = await twoProviderSite();
    const reader = await socialLogin("corp", { site: site.id, origin: site.origin }, { login_hint: `l-${crypto.randomUUID()}` });
    const member = `link-${crypto.randomUUID()}`;
    const { popup, confirmed } = await link("naver", reader.message.session, site.origin, { user: member });
    expect(popup.status, popup.html).toBe(200);
    expect(popup.message).toMatchObject({ ok: true, kind: "link", provider: "naver", linkProof: expect.any(String), origin: site.origin });
    expect(popup.message.session).toBeUndefined();
    expect(confirmed!.status).toBe(200);
    expect(confirmed!.body.identities.map((i: { provider: string }) => i.provider)).toEqual(["corp", "naver"]);
    expect(await providersOf(reader.message.session)).toEqual(["corp", "naver"]);
    const viaNaver = await socialLogin("naver", { site: site.id, origin: site.origin }, { user: member });
    expect(viaNaver.message.user.id).toBe(reader.message.user.id);
    expect(await countRows("users", "site_id = ?", site.id)).toBe(1);
  });

  it("links a social login to an account made by the site's SSO", async () => {
    const site = await twoProviderSite();
    const reader = await login(site);
    const { confirmed } = await link("corp", reader.token, site.origin, { login_hint: `sso-${crypto.randomUUID()}` });
    expect(confirmed!.status).toBe(200);
    expect(await providersOf(reader.token)).toEqual([`sso:${site.id}`, "corp"]);
  });

  it("attaches nothing when a link URL is opened by someone else (forwarded, or a lure)", async () => {
    const site = await twoProviderSite();
    const attacker = await login(site);
    const victim = await login(site);
    // The attacker makes a link URL for their own account and gets the victim to open it.
    const popup = await openLink(await linkUrl("naver", attacker.token, site.origin), { user: `victim-${crypto.randomUUID()}` });
    expect(popup.message.kind).toBe("link");
    // The proof is posted to the opener only; the victim's own widget cannot use it for the attacker's account either.
    const byVictim = await confirm(popup.message.linkProof, victim.token);
    expect([byVictim.status, byVictim.body.error.code]).toEqual([403, "forbidden"]);
    expect(await providersOf(attacker.token)).toEqual([`sso:${site.id}`]);
    expect(await providersOf(victim.token)).toEqual([`sso:${site.id}`]);
    expect(await countRows("identities", "site_id = ? and provider = 'naver'", site.id)).toBe(0);
  });

  it("confirms a link once; a stale or replayed proof is refused", async () => {
    const site = await twoProviderSite();
    const reader = await login(site);
    const popup = await openLink(await linkUrl("corp", reader.token, site.origin), { login_hint: `once-${crypto.randomUUID()}` });
    expect((await confirm(popup.message.linkProof, reader.token)).status).toBe(200);
    const again = await confirm(popup.message.linkProof, reader.token);
    expect([again.status, again.body.error.code]).toEqual([404, "not_found"]);
    expect(refusal(await confirm("made-up-proof", reader.token))).toEqual([404, "not_found"]);
    expect(refusal(await api("/api/v1/auth/link/confirm", { method: "POST", json: { proof: "x" } }))).toEqual([401, "unauthenticated"]);
  });

  it("refuses to link an identity that already has its own account", async () => {
    const site = await twoProviderSite();
    const member = `taken-${crypto.randomUUID()}`;
    const other = await socialLogin("naver", { site: site.id, origin: site.origin }, { user: member });
    const reader = await login(site);
    const res = await openLink(await linkUrl("naver", reader.token, site.origin), { user: member });
    expect(res.status).toBe(409);
    expect(res.message.error.code).toBe("identity_in_use");
    expect(await providersOf(reader.token)).toEqual([`sso:${site.id}`]);
    expect(await providersOf(other.message.session)).toEqual(["naver"]);
    expect(await countRows("sessions", "user_id = ?", reader.userId)).toBe(1);
  });

  it("refuses to confirm a link whose identity got its own account meanwhile", async () => {
    const site = await twoProviderSite();
    const reader = await login(site);
    const member = `late-${crypto.randomUUID()}`;
    const popup = await openLink(await linkUrl("naver", reader.token, site.origin), { user: member });
    const own = await socialLogin("naver", { site: site.id, origin: site.origin }, { user: member });
    expect(own.message.created).toBe(true);
    const res = await confirm(popup.message.linkProof, reader.token);
    expect([res.status, res.body.error.code, res.body.error.details]).toEqual([409, "conflict", { reason: "identity_in_use" }]);
    expect(await providersOf(reader.token)).toEqual([`sso:${site.id}`]);
  });

  it("refuses a second identity of a provider the account already has", async () => {
    const site = await twoProviderSite();
    const reader = await login(site);
    await link("naver", reader.token, site.origin, { user: `first-${crypto.randomUUID()}` });
    const res = await openLink(await linkUrl("naver", reader.token, site.origin), { user: `second-${crypto.randomUUID()}` });
    expect(res.status).toBe(409);
    expect(res.message.error.code).toBe("provider_already_linked");
    expect(await countRows("identities", "user_id = ?", reader.userId)).toBe(2);
  });

  it("uses a link ticket once, and only for the provider it was made for", async () => {
    const site = await twoProviderSite();
    const reader = await login(site);
    const url = await linkUrl("corp", reader.token, site.origin);
    expect((await openLink(url, { login_hint: `t-${crypto.randomUUID()}` })).message.ok).toBe(true);
    const reused = await openLink(url, { login_hint: `t-${crypto.randomUUID()}` });
    expect(reused.message.error.code).toBe("invalid_state");
    const forNaver = new URL(await linkUrl("naver", reader.token, site.origin));
    const elsewhere = await callback(`https://marginalia.test/api/v1/auth/corp/start?${forNaver.searchParams}`);
    expect(elsewhere.message.error.code).toBe("invalid_state");
  });

  it("answers the link request itself with 401, 404 and 403 as it should", async () => {
    const site = await twoProviderSite();
    const reader = await login(site);
    expect(refusal(await api("/api/v1/auth/corp/link", { method: "POST", json: { origin: site.origin } }))).toEqual([401, "unauthenticated"]);
    const unknown = await api("/api/v1/auth/google/link", { method: "POST", headers: reader.auth, json: { origin: site.origin } });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, "not_found"]);
    await configureProvider(site.id, "corp", oidcConfig("marginalia", { enabled: false }));
    const off = await api("/api/v1/auth/corp/link", { method: "POST", headers: reader.auth, json: { origin: site.origin } });
    expect([off.status, off.body.error.code]).toEqual([403, "forbidden"]);
  });
});

describe("the account's identities", () => {
  it("unlinks a provider but never the last login", async () => {
    const site = await twoProviderSite();
    const reader = await login(site);
    await link("corp", reader.token, site.origin, { login_hint: `u-${crypto.randomUUID()}` });
    const unlinkSso = await api(`/api/v1/me/identities/${encodeURIComponent(`sso:${site.id}`)}`, { method: "DELETE", headers: reader.auth });
    expect(unlinkSso.status).toBe(204);
    expect(await providersOf(reader.token)).toEqual(["corp"]);
    const last = await api("/api/v1/me/identities/corp", { method: "DELETE", headers: reader.auth });
    expect([last.status, last.body.error.code]).toEqual([409, "conflict"]);
    const missing = await api("/api/v1/me/identities/naver", { method: "DELETE", headers: reader.auth });
    expect([missing.status, missing.body.error.code]).toEqual([404, "not_found"]);
    expect(await providersOf(reader.token)).toEqual(["corp"]);
  });

  it("keeps one login when the last two are unlinked at once", async () => {
    const site = await twoProviderSite();
    const reader = await login(site);
    await link("corp", reader.token, site.origin, { login_hint: `race-${crypto.randomUUID()}` });
    const results = await Promise.all([
      api(`/api/v1/me/identities/${encodeURIComponent(`sso:${site.id}`)}`, { method: "DELETE", headers: reader.auth }),
      api("/api/v1/me/identities/corp", { method: "DELETE", headers: reader.auth }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([204, 409]);
    expect(results.find((r) => r.status === 409)?.body.error.code).toBe("conflict");
    expect(await countRows("identities", "user_id = ?", reader.userId)).toBe(1);
  });
});
