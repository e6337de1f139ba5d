import { describe, expect, it } from "vitest";
import { ADMIN, api, comment, createSite, detailPaths, list, login, refusal, signSso } from "../helpers";

const grant = (site: { id: string }, userId: string, headers: Record<string, string>, json: unknown) =>
  api(`/api/v1/sites/${site.id}/users/${userId}/badges`, { method: "PUT", headers, json });

type Author = { id: string; badges: string[] } | null;
type Listed = { author: Author; replies: { author: Author }[] };
const authorsOf = async (site: { id: string }) => {
  const page = (await list<{ comments: Listed[] }>(site, "badges")).body.comments;
  return page.flatMap((c) => [c.author, ...c.replies.map((r) => r.author)]);
};

describe("badges from the SSO claim", () => {
  it("shows the claim's badges next to the author's name, on comments and reply previews", async () => {
    const site = await createSite();
    const reporter = await login(site, { name: "김기자", badges: ["기자"] });
    const plain = await login(site);
    const c = await comment(site, plain, "badges", "배지 없는 독자의 댓글입니다");
    await comment(site, reporter, "badges", "기자의 답글입니다", { parentId: c.id });
    expect(await authorsOf(site)).toEqual([
      { id: plain.userId, name: "독자", avatar: null, badges: [] },
      { id: reporter.userId, name: "김기자", avatar: null, badges: ["기자"] },
    ]);
  });

  it("replaces them at each login that carries the claim, and keeps them when it does not", async () => {
    const site = await createSite();
    const sub = "expert-1";
    const first = await login(site, { sub, badges: ["전문가", "기자"] });
    await comment(site, first, "badges", "전문가의 댓글입니다");
    await login(site, { sub });
    expect((await authorsOf(site))[0]!.badges).toEqual(["전문가", "기자"]);
    await login(site, { sub, badges: [] });
    expect((await authorsOf(site))[0]!.badges).toEqual([]);
  });

  it("refuses a token with more than 3 badges, a badge over 20 characters, or an empty one", async () => {
    const site = await createSite();
    for (const badges of [["a", "b", "c", "d"], ["가".repeat(21)], [" "], "기자"]) {
      const res = await api("/api/v1/auth/sso", { method: "POST", json: { site: site.id, token: await signSso(site.secret, { badges }) } });
      expect(refusal(res)).toEqual([401, "invalid_token"]);
      expect(res.body.error.message).toContain("badges");
    }
  });
});

describe("PUT /api/v1/sites/:site/users/:userId/badges", () => {
  it("lets a moderator give badges (after the claim's), replacing those given before; audited", async () => {
    const site = await createSite();
    const moderator = await login(site, { role: "moderator" });
    const reader = await login(site, { badges: ["기자"] });
    await comment(site, reader, "badges", "배지를 받을 독자의 댓글입니다");
    const res = await grant(site, reader.userId, moderator.auth, { badges: ["운영자", "기자"] });
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({ userId: reader.userId, badges: ["기자", "운영자"], grantedBadges: ["운영자", "기자"] });
    expect((await authorsOf(site))[0]!.badges).toEqual(["기자", "운영자"]);
    expect((await grant(site, reader.userId, ADMIN, { badges: [] })).body.user.badges).toEqual(["기자"]);
    const log = await api(`/api/v1/sites/${site.id}/moderation/log?userId=${reader.userId}`, { headers: ADMIN });
    const entries = log.body.entries.filter((e: { action: string }) => e.action === "badges");
    expect(entries.map((e: { action: string; actorId: string | null; details: unknown }) => [e.action, e.actorId, e.details])).toEqual([
      ["badges", null, { badges: [] }],
      ["badges", moderator.userId, { badges: ["운영자", "기자"] }],
    ]);
  });

  it("refuses readers and moderators of another site, unknown users, and bad badges", async () => {
    const site = await createSite();
    const other = await createSite();
    const [moderator, reader] = [await login(site, { role: "moderator" }), await login(site)];
    const otherModerator = await login(other, { role: "moderator" });
    expect(refusal(await grant(site, reader.userId, reader.auth, { badges: ["기자"] }))).toEqual([403, "forbidden"]);
    expect(refusal(await grant(site, reader.userId, otherModerator.auth, { badges: ["기자"] }))).toEqual([403, "forbidden"]);
    expect(refusal(await grant(other, reader.userId, otherModerator.auth, { badges: ["기자"] }))).toEqual([404, "not_found"]);
    expect(refusal(await grant(site, "nobody", moderator.auth, { badges: ["기자"] }))).toEqual([404, "not_found"]);
    const tooMany = await grant(site, reader.userId, moderator.auth, { badges: ["a", "b", "c", "d"] });
    expect(refusal(tooMany)).toEqual([400, "invalid_request"]);
    expect(detailPaths(tooMany)).toEqual(["badges"]);
    expect(refusal(await grant(site, reader.userId, moderator.auth, { badges: ["x".repeat(21)] }))).toEqual([400, "invalid_request"]);
    expect(refusal(await grant(site, reader.userId, moderator.auth, { badges: ["기자"], role: "moderator" }))).toEqual([400, "invalid_request"]);
    const log = await api(`/api/v1/sites/${other.id}/moderation/log?userId=${reader.userId}`, { headers: ADMIN });
    expect(log.body.entries).toEqual([]);
  });
});

describe("GET /api/v1/sites/:site/users/:userId/badges", () => {
  const read = (site: { id: string }, userId: string, headers: Record<string, string>) => api(`/api/v1/sites/${site.id}/users/${userId}/badges`, { headers });

  it("shows a moderator the badges shown next to the user's name and those moderators gave", async () => {
    const site = await createSite();
    const moderator = await login(site, { role: "moderator" });
    const reader = await login(site, { badges: ["기자"] });
    const before = await read(site, reader.userId, moderator.auth);
    expect(before.status).toBe(200);
    expect(before.body.user).toEqual({ userId: reader.userId, badges: ["기자"], grantedBadges: [] });
    await grant(site, reader.userId, moderator.auth, { badges: ["운영자", "전문가"] });
    expect((await read(site, reader.userId, moderator.auth)).body.user).toEqual({
      userId: reader.userId,
      badges: ["기자", "운영자", "전문가"],
      grantedBadges: ["운영자", "전문가"],
    });
    expect((await read(site, reader.userId, ADMIN)).body.user.grantedBadges).toEqual(["운영자", "전문가"]);
  });

  it("refuses readers, moderators of another site and no credentials; 404 for a user of another site or none", async () => {
    const site = await createSite();
    const other = await createSite();
    const [moderator, reader] = [await login(site, { role: "moderator" }), await login(site)];
    const otherModerator = await login(other, { role: "moderator" });
    expect(refusal(await read(site, reader.userId, {}))).toEqual([401, "unauthenticated"]);
    expect(refusal(await read(site, reader.userId, reader.auth))).toEqual([403, "forbidden"]);
    expect(refusal(await read(site, reader.userId, otherModerator.auth))).toEqual([403, "forbidden"]);
    expect(refusal(await read(other, reader.userId, otherModerator.auth))).toEqual([404, "not_found"]);
    expect(refusal(await read(site, "nobody", moderator.auth))).toEqual([404, "not_found"]);
    expect(refusal(await read({ id: "no-such-site" }, reader.userId, ADMIN))).toEqual([404, "site_not_found"]);
    expect(refusal(await read(site, "x".repeat(65), moderator.auth))).toEqual([400, "invalid_request"]);
  });
});
