import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { ADMIN, api, comment, createSite, login, post, refusal, signSso } from "../helpers";
import { atProvider, callback, configureProvider, naverConfig, socialLogin, start } from "./social/driver";

/** How GET /moderation/sites answers the session: `[200, undefined]` or a refusal's `[status, code]`. */
const moderates = async (headers: Record<string, string>) => refusal(await api("/api/v1/moderation/sites", { headers }));
const MODERATES = [200, undefined];
const NOT_A_MODERATOR = [403, "forbidden"];
const bearer = (session: string) => ({ Authorization: `Bearer ${session}` });

/** Links Naver to the account of `session`, the way the widget does (ticket, popup, confirmation). */
async function linkNaver(session: string, origin: string, member: string) {
  const ticket = await api("/api/v1/auth/naver/link", { method: "POST", headers: bearer(session), json: { origin } });
  const url = new URL(ticket.body.url as string);
  const started = await start("naver", Object.fromEntries(url.searchParams));
  const popup = await callback(await atProvider(started.location!, { user: member }), started.cookie);
  const confirmed = await api("/api/v1/auth/link/confirm", { method: "POST", headers: bearer(session), json: { proof: popup.message.linkProof } });
  expect(confirmed.status).toBe(200);
}

/** A site, and its SSO moderator whose account also logs in with Naver as `member`. */
async function ssoModeratorWithNaver() {
  const site = await createSite();
  await configureProvider(site.id, "naver", naverConfig());
  const member = `naver-${crypto.randomUUID()}`;
  const viaSso = await login(site, { role: "moderator" });
  await linkNaver(viaSso.token, site.origin, member);
  return { site, member, viaSso };
}

describe("a moderator demoted at the site loses moderator power on the next request", () => {
  it("when an SSO login's token no longer carries role moderator: every session of the user, old ones included", async () => {
    const site = await createSite();
    const sub = `editor-${crypto.randomUUID()}`;
    const first = await login(site, { sub, role: "moderator" });
    const second = await login(site, { sub, role: "moderator" });
    const held = await comment(site, await login(site), "art", "검토가 필요한 댓글입니다");
    expect(await moderates(first.auth)).toEqual(MODERATES);

    await login(site, { sub });
    for (const session of [first, second]) {
      expect(await moderates(session.auth)).toEqual(NOT_A_MODERATOR);
      const decided = await api(`/api/v1/moderation/comments/${held.id}/reject`, { method: "POST", headers: session.auth, json: {} });
      expect(decided.status).toBe(403);
      expect(decided.body.error.code).toBe("forbidden");
    }
  });

  it("when the admin removes the grant: sessions made before the removal are refused at once", async () => {
    const site = await createSite();
    const editor = await login(site);
    await api(`/api/v1/admin/sites/${site.id}/moderators`, { method: "POST", headers: ADMIN, json: { userId: editor.userId } });
    expect(await moderates(editor.auth)).toEqual(MODERATES);
    expect((await api(`/api/v1/admin/sites/${site.id}/moderators/${editor.userId}`, { method: "DELETE", headers: ADMIN })).status).toBe(204);
    expect(await moderates(editor.auth)).toEqual(NOT_A_MODERATOR);
  });

  it("when the admin removes a moderator whose power came from the site's SSO role", async () => {
    const site = await createSite();
    const editor = await login(site, { role: "moderator" });
    expect(await moderates(editor.auth)).toEqual(MODERATES);
    const removed = await api(`/api/v1/admin/sites/${site.id}/moderators/${editor.userId}`, { method: "DELETE", headers: ADMIN });
    expect(removed.status).toBe(204);
    expect(await moderates(editor.auth)).toEqual(NOT_A_MODERATOR);
    // A later token that says moderator again is the site's decision.
    expect(await moderates((await login(site, { role: "moderator" })).auth)).toEqual(MODERATES);
  });

  it("through a social login: the site's SSO role does not follow the account into it, only a grant does", async () => {
    const { site, member, viaSso } = await ssoModeratorWithNaver();
    const viaNaver = await socialLogin("naver", { site: site.id, origin: site.origin }, { user: member });
    expect(viaNaver.message.user.role).toBe("commenter");
    const naverSession = bearer(viaNaver.message.session as string);
    expect(await moderates(viaSso.auth)).toEqual(MODERATES);
    expect(await moderates(naverSession)).toEqual(NOT_A_MODERATOR);

    await api(`/api/v1/admin/sites/${site.id}/moderators`, { method: "POST", headers: ADMIN, json: { userId: viaSso.userId } });
    expect(await moderates(naverSession)).toEqual(MODERATES);
    await api(`/api/v1/admin/sites/${site.id}/moderators/${viaSso.userId}`, { method: "DELETE", headers: ADMIN });
    expect(await moderates(naverSession)).toEqual(NOT_A_MODERATOR);
    expect(await moderates(viaSso.auth)).toEqual(NOT_A_MODERATOR);
  });
});

describe("what a login says of itself: `moderates` in the session's user and in GET /me", () => {
  const me = async (headers: Record<string, string>) => (await api("/api/v1/me", { headers })).body.user;
  const ssoLogin = async (site: { id: string; secret: string }, claims: Record<string, unknown>) =>
    (await api("/api/v1/auth/sso", { method: "POST", json: { site: site.id, token: await signSso(site.secret, claims) } })).body;

  it("follows the SSO role and the admin's grant, on the same session at once", async () => {
    const site = await createSite();
    const editor = await ssoLogin(site, { sub: "editor", role: "moderator" });
    expect(editor.user).toMatchObject({ role: "moderator", moderates: true });
    expect(await me(bearer(editor.session))).toMatchObject({ moderates: true });

    const reader = await ssoLogin(site, { sub: "reader" });
    expect(reader.user).toMatchObject({ role: "commenter", moderates: false });
    const session = bearer(reader.session);
    await api(`/api/v1/admin/sites/${site.id}/moderators`, { method: "POST", headers: ADMIN, json: { userId: reader.user.id } });
    expect(await me(session)).toMatchObject({ role: "commenter", moderates: true });
    // A later login of the granted reader says so in its answer.
    expect((await ssoLogin(site, { sub: "reader" })).user).toMatchObject({ role: "commenter", moderates: true });
    await api(`/api/v1/admin/sites/${site.id}/moderators/${reader.user.id}`, { method: "DELETE", headers: ADMIN });
    expect(await me(session)).toMatchObject({ moderates: false });
  });

  it("through a social login: only by a grant", async () => {
    const { site, member, viaSso } = await ssoModeratorWithNaver();
    const before = await socialLogin("naver", { site: site.id, origin: site.origin }, { user: member });
    expect(before.message.user).toMatchObject({ role: "commenter", moderates: false });
    expect(await me(bearer(before.message.session as string))).toMatchObject({ moderates: false });

    await api(`/api/v1/admin/sites/${site.id}/moderators`, { method: "POST", headers: ADMIN, json: { userId: viaSso.userId } });
    const after = await socialLogin("naver", { site: site.id, origin: site.origin }, { user: member });
    expect(after.message.user).toMatchObject({ role: "commenter", moderates: true });
    expect(await me(bearer(before.message.session as string))).toMatchObject({ moderates: true });
  });
});

describe("a moderator by an admin's grant posts as one by the SSO role does", () => {
  it("published as written: no word list, no mask, no hold", async () => {
    const site = await createSite({ settings: { profanity: "mask", bannedWords: ["금지어"] } });
    const editor = await login(site, { sub: "granted-editor" });
    const notice = "금지어 안내: 저거 존나 비싼 광고는 신고해 주세요";
    expect(refusal(await post(site, editor, "art", { body: notice, confirm: true }))).toEqual([422, "comment_rejected"]);
    await api(`/api/v1/admin/sites/${site.id}/moderators`, { method: "POST", headers: ADMIN, json: { userId: editor.userId } });
    const posted = await post(site, editor, "art", { body: notice });
    expect(posted.status).toBe(201);
    expect(posted.body.comment).toMatchObject({ status: "published", body: notice });
    const stored = await env.DB.prepare("select public_body as publicBody, reasons from comments where id = ?").bind(posted.body.comment.id).first();
    expect(stored).toEqual({ publicBody: null, reasons: "[]" });
  });
});
