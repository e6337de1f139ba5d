import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ADMIN, api, type ApiResponse, comment, createSite, detailPaths, list, login, post, refusal, type Reader } from "../helpers";

const banPath = (site: { id: string }, userId: string) => `/api/v1/sites/${site.id}/users/${encodeURIComponent(userId)}/ban`;
const ban = (site: { id: string }, userId: string, headers: Record<string, string>, json?: unknown) =>
  api(banPath(site, userId), { method: "POST", headers, json });
const unban = (site: { id: string }, userId: string, headers: Record<string, string>) => api(banPath(site, userId), { method: "DELETE", headers });
const auditLog = (site: { id: string }, userId: string, headers: Record<string, string>) =>
  api(`/api/v1/sites/${site.id}/moderation/log?userId=${encodeURIComponent(userId)}`, { headers });
const edit = (id: string, reader: Reader, body: string) => api(`/api/v1/comments/${id}`, { method: "PATCH", headers: reader.auth, json: { body } });
const react = (id: string, reader: Reader) => api(`/api/v1/comments/${id}/reaction`, { method: "PUT", headers: reader.auth, json: { value: "like" } });
const report = (id: string, reader: Reader) => api(`/api/v1/comments/${id}/reports`, { method: "POST", headers: reader.auth, json: { reason: "spam" } });

// Plain words only: digits could read as letter look-alikes to the word filter, and repeated
// text is held or rejected, so every comment gets its own sentence.
const numberWords = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
let said = 0;
const text = () =>
  `A calm remark about the local budget, number ${String(++said)
    .split("")
    .map((d) => numberWords[Number(d)])
    .join(" ")}`;

/** A site where one account may post several times in a row (the interval limit is not under test here). */
const createBanSite = () => createSite({ settings: { minIntervalSeconds: 0 } });
const inAnHour = () => new Date(Date.now() + 3600_000).toISOString();

async function siteWithModerator() {
  const site = await createBanSite();
  const moderator = await login(site, { role: "moderator", name: "Moderator" });
  const reader = await login(site);
  return { site, moderator, reader };
}

function expectBanned(res: ApiResponse, until: string | null, reason: string | null) {
  expect(res.status).toBe(403);
  expect(res.body.error.code).toBe("banned");
  expect(res.body.error.details).toEqual({ until, reason });
}

describe("POST /api/v1/sites/:site/users/:userId/ban — who may ban", () => {
  it("lets a moderator by SSO role ban a reader of the site until a date, with a reason", async () => {
    const { site, moderator, reader } = await siteWithModerator();
    const until = inAnHour();
    const res = await ban(site, reader.userId, moderator.auth, { until, reason: "repeated insults" });
    expect(res.status).toBe(200);
    expect(res.body.ban).toEqual({ userId: reader.userId, until, reason: "repeated insults" });
  });

  it("lets a moderator granted through the admin API ban", async () => {
    const site = await createBanSite();
    const granted = await login(site);
    const reader = await login(site);
    expect((await api(`/api/v1/admin/sites/${site.id}/moderators`, { method: "POST", headers: ADMIN, json: { userId: granted.userId } })).status).toBe(201);
    const res = await ban(site, reader.userId, granted.auth, { reason: "spam" });
    expect(res.status).toBe(200);
    expect(res.body.ban).toEqual({ userId: reader.userId, until: null, reason: "spam" });
  });

  it("lets the admin token ban on any site, permanently when no body is sent", async () => {
    const site = await createBanSite();
    const reader = await login(site);
    const res = await ban(site, reader.userId, ADMIN);
    expect(res.status).toBe(200);
    expect(res.body.ban).toEqual({ userId: reader.userId, until: null, reason: null });
    expectBanned(await post(site, reader, "art", { body: text() }), null, null);
  });

  it("replaces the terms when a banned user is banned again", async () => {
    const { site, moderator, reader } = await siteWithModerator();
    await ban(site, reader.userId, moderator.auth, { until: inAnHour(), reason: "first" });
    const res = await ban(site, reader.userId, moderator.auth, { reason: "second" });
    expect(res.status).toBe(200);
    expect(res.body.ban).toEqual({ userId: reader.userId, until: null, reason: "second" });
    expectBanned(await post(site, reader, "art", { body: text() }), null, "second");
  });

  it("refuses a plain reader with 403", async () => {
    const { site, reader } = await siteWithModerator();
    const other = await login(site);
    const res = await ban(site, other.userId, reader.auth, { reason: "I dislike them" });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("forbidden");
    expect((await post(site, other, "art", { body: text() })).status).toBe(201);
  });

  it("answers 401 without authentication, to ban and to unban", async () => {
    const { site, reader } = await siteWithModerator();
    const res = await ban(site, reader.userId, {}, { reason: "x" });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("unauthenticated");
    expect(refusal(await unban(site, reader.userId, {}))).toEqual([401, "unauthenticated"]);
    expect(refusal(await api(banPath(site, reader.userId), { method: "POST", headers: { Authorization: "Bearer not-a-session" }, json: {} }))).toEqual([
      401,
      "invalid_session",
    ]);
  });

  it("answers 404 for an unknown site", async () => {
    const res = await ban({ id: "no-such-site-here" }, "someone", ADMIN, {});
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("site_not_found");
  });
});

describe("bans across sites", () => {
  it("gives a moderator of one site no power to ban on another", async () => {
    const { moderator } = await siteWithModerator();
    const other = await createBanSite();
    const victim = await login(other);
    const res = await ban(other, victim.userId, moderator.auth, { reason: "x" });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("forbidden");
    expect((await post(other, victim, "art", { body: text() })).status).toBe(201);
  });

  it("gives a moderator of one site no power to unban on another", async () => {
    const { moderator } = await siteWithModerator();
    const other = await createBanSite();
    const victim = await login(other);
    expect((await ban(other, victim.userId, ADMIN, { reason: "x" })).status).toBe(200);
    expect(refusal(await unban(other, victim.userId, moderator.auth))).toEqual([403, "forbidden"]);
    expect((await post(other, victim, "art", { body: text() })).body.error.code).toBe("banned");
  });

  it("answers 404 when banning a user of another site through one's own site", async () => {
    const { site, moderator } = await siteWithModerator();
    const other = await createBanSite();
    const stranger = await login(other);
    const res = await ban(site, stranger.userId, moderator.auth, { reason: "x" });
    expect(refusal(res)).toEqual([404, "not_found"]);
    expect((await post(other, stranger, "art", { body: text() })).status).toBe(201);
  });

  it("answers 404 when banning an unknown user", async () => {
    const { site, moderator } = await siteWithModerator();
    expect(refusal(await ban(site, "no-such-user", moderator.auth, {}))).toEqual([404, "not_found"]);
  });

  it("does not stop a user banned on one site from writing on another", async () => {
    // A user id belongs to one site; a ban row for another site must not match it.
    const { site, reader } = await siteWithModerator();
    await env.DB.prepare("insert into bans (site_id, user_id, until, reason, created_by, created_at) values (?, ?, null, 'elsewhere', 'admin', ?)")
      .bind("some-other-site", reader.userId, Date.now())
      .run();
    expect((await post(site, reader, "art", { body: text() })).status).toBe(201);
  });
});

describe("what a banned user can no longer do", () => {
  async function bannedReader() {
    const { site, moderator, reader } = await siteWithModerator();
    const author = await login(site);
    const theirs = await comment(site, author, "art", text());
    const own = await comment(site, reader, "art", text());
    const until = inAnHour();
    expect((await ban(site, reader.userId, moderator.auth, { until, reason: "abuse" })).status).toBe(200);
    return { site, reader, theirs, own, until };
  }

  it("refuses a new comment with 403 banned, the end date and the reason", async () => {
    const { site, reader, until } = await bannedReader();
    const res = await post(site, reader, "art", { body: text() });
    expectBanned(res, until, "abuse");
    expect(res.body.error.message).toContain(until);
  });

  it("refuses a reply", async () => {
    const { site, reader, theirs, until } = await bannedReader();
    expectBanned(await post(site, reader, "art", { body: text(), parentId: theirs.id }), until, "abuse");
  });

  it("refuses an edit of their own comment, which keeps its text", async () => {
    const { site, reader, own, until } = await bannedReader();
    expectBanned(await edit(own.id, reader, text()), until, "abuse");
    const page = await list(site, "art", "", reader);
    expect(page.body.comments.find((c: { id: string }) => c.id === own.id)?.body).toBe(own.body);
  });

  it("refuses a reaction, and counts none", async () => {
    const { reader, theirs, until } = await bannedReader();
    expectBanned(await react(theirs.id, reader), until, "abuse");
    const row = await env.DB.prepare("select likes from comments where id = ?").bind(theirs.id).first<{ likes: number }>();
    expect(row?.likes).toBe(0);
  });

  it("refuses a report, and stores none", async () => {
    const { reader, theirs, until } = await bannedReader();
    expectBanned(await report(theirs.id, reader), until, "abuse");
    const row = await env.DB.prepare("select count(*) as n from reports where comment_id = ?").bind(theirs.id).first<{ n: number }>();
    expect(row?.n).toBe(0);
  });

  it("still lets their session read: GET /me and the comment list", async () => {
    const { site, reader, own, theirs } = await bannedReader();
    const me = await api("/api/v1/me", { headers: reader.auth });
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(reader.userId);
    const page = await list(site, "art", "", reader);
    expect(page.status).toBe(200);
    expect(page.body.comments.map((c: { id: string }) => c.id).sort()).toEqual([own.id, theirs.id].sort());
  });

  it("leaves other readers of the site free to write", async () => {
    const { site } = await bannedReader();
    expect((await post(site, await login(site), "art", { body: text() })).status).toBe(201);
  });
});

describe("the end of a ban", () => {
  it("refuses an end date in the past with a 400 naming until", async () => {
    const { site, moderator, reader } = await siteWithModerator();
    const res = await ban(site, reader.userId, moderator.auth, { until: new Date(Date.now() - 60_000).toISOString() });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_request");
    expect(detailPaths(res)).toContain("until");
    expect((await post(site, reader, "art", { body: text() })).status).toBe(201);
  });

  it("refuses an end date that is not a date, and unknown fields", async () => {
    const { site, moderator, reader } = await siteWithModerator();
    const bad = await ban(site, reader.userId, moderator.auth, { until: "next tuesday" });
    expect(refusal(bad)).toEqual([400, "invalid_request"]);
    expect(detailPaths(bad)).toContain("until");
    const unknownField = await ban(site, reader.userId, moderator.auth, { status: "banned" });
    expect(refusal(unknownField)).toEqual([400, "invalid_request"]);
    expect(detailPaths(unknownField)).toEqual(["status"]);
    const longReason = await ban(site, reader.userId, moderator.auth, { reason: "r".repeat(501) });
    expect(refusal(longReason)).toEqual([400, "invalid_request"]);
    expect(detailPaths(longReason)).toEqual(["reason"]);
  });

  it("stops blocking once its end has passed", async () => {
    const { site, moderator, reader } = await siteWithModerator();
    expect((await ban(site, reader.userId, moderator.auth, { until: inAnHour(), reason: "cool off" })).status).toBe(200);
    expect((await post(site, reader, "art", { body: text() })).body.error.code).toBe("banned");
    await env.DB.prepare("update bans set until = ? where site_id = ? and user_id = ?")
      .bind(Date.now() - 1000, site.id, reader.userId)
      .run();
    expect((await post(site, reader, "art", { body: text() })).status).toBe(201);
  });
});

describe("DELETE /api/v1/sites/:site/users/:userId/ban", () => {
  it("lifts the ban, after which the user can post again", async () => {
    const { site, moderator, reader } = await siteWithModerator();
    await ban(site, reader.userId, moderator.auth, { reason: "spam" });
    expect(refusal(await post(site, reader, "art", { body: text() }))).toEqual([403, "banned"]);
    const res = await unban(site, reader.userId, moderator.auth);
    expect(res.status).toBe(204);
    expect((await post(site, reader, "art", { body: text() })).status).toBe(201);
  });

  it("answers 404 for a user who is not banned, and for a second unban", async () => {
    const { site, moderator, reader } = await siteWithModerator();
    const res = await unban(site, reader.userId, moderator.auth);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
    await ban(site, reader.userId, ADMIN, {});
    expect((await unban(site, reader.userId, ADMIN)).status).toBe(204);
    expect(refusal(await unban(site, reader.userId, ADMIN))).toEqual([404, "not_found"]);
  });

  it("refuses a plain reader with 403 and keeps the ban", async () => {
    const { site, reader } = await siteWithModerator();
    const victim = await login(site);
    await ban(site, victim.userId, ADMIN, { reason: "x" });
    expect(refusal(await unban(site, victim.userId, reader.auth))).toEqual([403, "forbidden"]);
    expect(refusal(await unban(site, victim.userId, victim.auth))).toEqual([403, "forbidden"]);
    expect((await post(site, victim, "art", { body: text() })).body.error.code).toBe("banned");
  });
});

describe("audit of bans", () => {
  it("records ban and unban with the moderator who acted and the reason", async () => {
    const { site, moderator, reader } = await siteWithModerator();
    const until = inAnHour();
    await ban(site, reader.userId, moderator.auth, { until, reason: "threats" });
    await unban(site, reader.userId, moderator.auth);
    const res = await auditLog(site, reader.userId, moderator.auth);
    expect(res.status).toBe(200);
    const entries = res.body.entries.filter((e: { action: string }) => e.action === "ban" || e.action === "unban");
    // Newest first.
    expect(entries.map((e: { action: string }) => e.action)).toEqual(["unban", "ban"]);
    expect(entries[1]).toMatchObject({
      userId: reader.userId,
      commentId: null,
      actorType: "moderator",
      actorId: moderator.userId,
      reason: "threats",
      details: { until },
    });
    expect(entries[0]).toMatchObject({ userId: reader.userId, actorType: "moderator", actorId: moderator.userId });
    expect(Date.parse(entries[0].createdAt)).toBeGreaterThanOrEqual(Date.parse(entries[1].createdAt));
  });

  it("records the admin token as an admin actor", async () => {
    const site = await createBanSite();
    const reader = await login(site);
    await ban(site, reader.userId, ADMIN, { reason: "by the newsroom" });
    const res = await auditLog(site, reader.userId, ADMIN);
    expect(res.status).toBe(200);
    expect(res.body.entries.find((e: { action: string }) => e.action === "ban")).toMatchObject({
      actorType: "admin",
      actorId: null,
      reason: "by the newsroom",
      details: { until: null },
    });
  });

  it("keeps a refused ban out of the log", async () => {
    const { site, moderator, reader } = await siteWithModerator();
    const other = await login(site);
    await ban(site, other.userId, reader.auth, { reason: "not allowed" });
    await ban(site, other.userId, moderator.auth, { until: new Date(Date.now() - 1000).toISOString() });
    const res = await auditLog(site, other.userId, moderator.auth);
    expect(res.body.entries.filter((e: { action: string }) => e.action === "ban")).toEqual([]);
  });

  it("shows the log only to moderators of the site", async () => {
    const { site, reader } = await siteWithModerator();
    const elsewhere = await login(await createBanSite(), { role: "moderator" });
    expect(refusal(await auditLog(site, reader.userId, reader.auth))).toEqual([403, "forbidden"]);
    expect(refusal(await auditLog(site, reader.userId, elsewhere.auth))).toEqual([403, "forbidden"]);
    expect(refusal(await auditLog(site, reader.userId, {}))).toEqual([401, "unauthenticated"]);
  });
});
