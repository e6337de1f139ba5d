import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, comment, createSite } from "../../helpers";
import { BASE, atProvider, callback, configureProvider, countRows, oidcConfig, providers, socialLogin, start } from "./driver";

const sha256Hex = async (text: string) =>
  Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))), (b) => b.toString(16).padStart(2, "0")).join("");
const bearer = (session: string) => ({ Authorization: `Bearer ${session}` });

async function corpSite() {
  const site = await createSite();
  await configureProvider(site.id, "corp", oidcConfig());
  return site;
}

describe("social login with an OpenID provider", () => {
  it("creates an account on first login and hands the session to the widget", async () => {
    const site = await corpSite();
    const hint = `new-${crypto.randomUUID()}`;
    const res = await socialLogin("corp", { site: site.id, origin: site.origin }, { login_hint: hint });
    expect(res.status, res.html).toBe(200);
    expect(res.message).toMatchObject({ type: "marginalia:login", ok: true, provider: "corp", kind: "login", created: true, origin: site.origin });
    expect(res.message.user).toMatchObject({
      siteId: site.id,
      name: `Reader ${hint}`,
      email: `${hint}@example.test`,
      avatar: `https://img.example/${hint}.png`,
      role: "commenter",
    });
    const me = await api("/api/v1/me", { headers: bearer(res.message.session) });
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(res.message.user.id);
    const identities = await api("/api/v1/me/identities", { headers: bearer(res.message.session) });
    expect(identities.body.identities).toEqual([{ provider: "corp", createdAt: expect.any(String) }]);
    // The new reader can comment right away.
    const posted = await comment(site, { token: res.message.session, userId: res.message.user.id, auth: bearer(res.message.session) }, "art", "안녕하세요");
    expect(posted.body).toBe("안녕하세요");
  });

  it("logs a returning reader into the same account, keeping the name they chose", async () => {
    const site = await corpSite();
    const hint = `back-${crypto.randomUUID()}`;
    const first = await socialLogin("corp", { site: site.id, origin: site.origin }, { login_hint: hint });
    await api("/api/v1/me", { method: "PATCH", headers: bearer(first.message.session), json: { name: "새 이름" } });
    const again = await socialLogin("corp", { site: site.id, origin: site.origin }, { login_hint: hint });
    expect(again.message).toMatchObject({ ok: true, kind: "login", created: false });
    expect(again.message.user).toMatchObject({ id: first.message.user.id, name: "새 이름" });
    expect(again.message.session).not.toBe(first.message.session);
    expect(await countRows("users", "site_id = ?", site.id)).toBe(1);
    expect(await countRows("sessions", "user_id = ?", first.message.user.id)).toBe(2);
  });

  it("keeps the same provider subject apart on two sites", async () => {
    const [a, b] = [await corpSite(), await corpSite()];
    const hint = `both-${crypto.randomUUID()}`;
    const onA = await socialLogin("corp", { site: a.id, origin: a.origin }, { login_hint: hint });
    const onB = await socialLogin("corp", { site: b.id, origin: b.origin }, { login_hint: hint });
    expect(onA.message.user.id).not.toBe(onB.message.user.id);
    expect(onB.message.user.siteId).toBe(b.id);
  });

  it("maps Kakao's nickname with the Kakao preset (issuer replaced by the local provider)", async () => {
    const site = await createSite();
    await configureProvider(site.id, "kakao", { clientId: "marginalia-post", clientSecret: providers.clientSecret, issuer: providers.issuer });
    const hint = `kakao-${crypto.randomUUID()}`;
    const res = await socialLogin("kakao", { site: site.id, origin: site.origin }, { login_hint: hint });
    expect(res.status, res.html).toBe(200);
    expect(res.message.user.name).toBe(`닉네임 ${hint}`);
  });

  it("asks for the code with PKCE (S256), a state, a nonce and the registered callback", async () => {
    const site = await corpSite();
    const started = await start("corp", { site: site.id, origin: site.origin });
    expect(started.status).toBe(302);
    const url = new URL(started.location!);
    expect(url.origin).toBe(providers.issuer);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: "code",
      client_id: "marginalia",
      redirect_uri: `${BASE}/api/v1/auth/corp/callback`,
      scope: "openid profile email",
      code_challenge_method: "S256",
    });
    expect(url.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get("state")!.length).toBeGreaterThanOrEqual(43);
    expect(url.searchParams.get("nonce")!.length).toBeGreaterThanOrEqual(43);
    expect(started.cookie).toMatch(/^__Host-marginalia_login=/);
    expect(started.res.headers.getAll("Set-Cookie")[0]).toMatch(/HttpOnly/i);
    expect(started.res.headers.getAll("Set-Cookie")[0]).toMatch(/SameSite=Lax/i);
  });

  it("stores only hashes of the state and the browser binding, and uses the pending login once", async () => {
    const site = await corpSite();
    const started = await start("corp", { site: site.id, origin: site.origin });
    const url = new URL(started.location!);
    const state = url.searchParams.get("state")!;
    const row = await env.DB.prepare("select * from pending_logins where state_hash = ?")
      .bind(await sha256Hex(state))
      .first<Record<string, unknown>>();
    expect(row).toMatchObject({ site_id: site.id, provider: "corp", origin: site.origin, link_user_id: null });
    const dump = JSON.stringify(row);
    expect(dump).not.toContain(state);
    expect(dump).not.toContain(url.searchParams.get("nonce")!);
    expect(dump).not.toContain(started.cookie.split("=")[1]!);
    const done = await callback(await atProvider(started.location!, { login_hint: `once-${crypto.randomUUID()}` }), started.cookie);
    expect(done.message.ok).toBe(true);
    expect(await countRows("pending_logins", "state_hash = ?", await sha256Hex(state))).toBe(0);
  });

  it("posts the result only to this service's own origin, from a page that cannot be framed or cached", async () => {
    const site = await corpSite();
    const res = await socialLogin("corp", { site: site.id, origin: site.origin }, { login_hint: `page-${crypto.randomUUID()}` });
    expect(res.html).toContain(`window.opener.postMessage(message, target)`);
    expect(res.html).toContain(`var target = "${BASE}";`);
    expect(res.html).not.toMatch(/postMessage\([^)]*["']\*["']/);
    expect(res.html).not.toContain(`var target = "${site.origin}"`);
    expect(res.headers.get("Content-Security-Policy")).toMatch(/frame-ancestors 'none'/);
    expect(res.headers.get("Content-Security-Policy")).toMatch(/script-src 'nonce-[A-Za-z0-9_-]+'/);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
    expect(res.headers.get("Cross-Origin-Opener-Policy")).toBeNull();
  });

  it("makes one account when two first logins of the same identity finish at once", async () => {
    const site = await corpSite();
    const hint = { login_hint: `race-${crypto.randomUUID()}` };
    const flows = await Promise.all(
      [0, 1].map(async () => {
        const started = await start("corp", { site: site.id, origin: site.origin });
        return { url: await atProvider(started.location!, hint), cookie: started.cookie };
      }),
    );
    const [a, b] = await Promise.all(flows.map((f) => callback(f.url, f.cookie)));
    expect([a!.message.ok, b!.message.ok]).toEqual([true, true]);
    expect(a!.message.user.id).toBe(b!.message.user.id);
    expect(await countRows("users", "site_id = ?", site.id)).toBe(1);
    expect(await countRows("identities", "site_id = ?", site.id)).toBe(1);
  });

  it("starts a new account after the reader deleted theirs", async () => {
    const site = await corpSite();
    const hint = { login_hint: `gone-${crypto.randomUUID()}` };
    const first = await socialLogin("corp", { site: site.id, origin: site.origin }, hint);
    expect((await api("/api/v1/me", { method: "DELETE", headers: bearer(first.message.session) })).status).toBe(204);
    const again = await socialLogin("corp", { site: site.id, origin: site.origin }, hint);
    expect(again.message).toMatchObject({ ok: true, created: true });
    expect(again.message.user.id).not.toBe(first.message.user.id);
  });
});
