import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ADMIN, api, comment, createSite, detailPaths, list, login, post, type Reader, refusal } from "../helpers";

const me = (reader: Reader) => api("/api/v1/me", { headers: reader.auth });
const react = (id: string, reader: Reader, value: string | null) =>
  api(`/api/v1/comments/${id}/reaction`, { method: "PUT", headers: reader.auth, json: { value } });
const report = (id: string, reader: Reader) =>
  api(`/api/v1/comments/${id}/reports`, { method: "POST", headers: reader.auth, json: { reason: "abuse", note: "신고 사유" } });
const row = (id: string) => env.DB.prepare("select * from comments where id = ?").bind(id).first<Record<string, unknown>>();
const count = async (sql: string, ...binds: unknown[]) =>
  (await env.DB.prepare(`select count(*) as n from ${sql}`)
    .bind(...binds)
    .first<{ n: number }>())!.n;
const queueCount = async (siteId: string, queue: string) =>
  (await env.DB.prepare("select count from queue_counts where site_id = ? and queue = ?").bind(siteId, queue).first<{ count: number }>())?.count ?? 0;

describe("PATCH /api/v1/me", () => {
  it("changes the display name shown on comments", async () => {
    const site = await createSite();
    const reader = await login(site, { name: "원래 이름" });
    await comment(site, reader, "art", "hello");
    const res = await api("/api/v1/me", { method: "PATCH", headers: reader.auth, json: { name: "  새 이름  " } });
    expect(res.status).toBe(200);
    expect(res.body.user.name).toBe("새 이름");
    expect((await list(site, "art")).body.comments[0].author.name).toBe("새 이름");
  });

  it("strips bidi overrides, controls and invisible characters from the new name", async () => {
    const site = await createSite();
    const reader = await login(site);
    const res = await api("/api/v1/me", { method: "PATCH", headers: reader.auth, json: { name: "\u202E관리자\u0000\uFEFF \t 팀" } });
    expect(res.status).toBe(200);
    expect(res.body.user.name).toBe("관리자 팀");
    expect((await me(reader)).body.user.name).toBe("관리자 팀");
  });

  it("refuses a name made only of controls or invisible characters with 400 invalid_request naming the field", async () => {
    const site = await createSite();
    const reader = await login(site, { name: "원래 이름" });
    for (const name of ["\u0000\u202E", "\u3164", "\u200B\u200D\n\t"]) {
      const res = await api("/api/v1/me", { method: "PATCH", headers: reader.auth, json: { name } });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("invalid_request");
      expect(res.body.error.details).toEqual([{ location: "json", path: "name", message: "must contain visible text" }]);
    }
    expect((await me(reader)).body.user.name).toBe("원래 이름");
  });

  it.each([
    [{ name: "" }, "name"],
    [{ name: "x".repeat(101) }, "name"],
    [{ name: "ok", role: "moderator" }, "role"],
    [{}, "name"],
  ])("refuses %j with 400 naming %s", async (json, field) => {
    const site = await createSite();
    const reader = await login(site);
    const res = await api("/api/v1/me", { method: "PATCH", headers: reader.auth, json });
    expect(refusal(res)).toEqual([400, "invalid_request"]);
    expect(detailPaths(res)).toEqual([field]);
    expect((await me(reader)).body.user.role).toBe("commenter");
  });
});

describe("POST /api/v1/auth/logout-everywhere", () => {
  it("revokes every session of the account, and only of that account", async () => {
    const site = await createSite();
    const phone = await login(site, { sub: "everywhere" });
    const laptop = await login(site, { sub: "everywhere" });
    const other = await login(site);
    expect((await api("/api/v1/auth/logout-everywhere", { method: "POST", headers: phone.auth })).status).toBe(204);
    expect(refusal(await me(phone))).toEqual([401, "invalid_session"]);
    expect(refusal(await me(laptop))).toEqual([401, "invalid_session"]);
    expect((await me(other)).status).toBe(200);
  });
});

describe("GET /api/v1/me/export", () => {
  it("returns the reader's profile, identities, comments with bodies, reactions and reports", async () => {
    const site = await createSite();
    const reader = await login(site, { sub: "exporter", name: "내보내기", email: "ex@example.test" });
    const other = await login(site);
    const theirs = await comment(site, other, "art", "their comment");
    const mine = await comment(site, reader, "art", "내 댓글 본문");
    const reply = await comment(site, other, "art", "내보내기 답글", { parentId: mine.id });
    await react(theirs.id, reader, "like");
    await report(theirs.id, reader);
    const res = await api("/api/v1/me/export", { headers: reader.auth });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="marginalia-${site.id}-${reader.userId}.json"`);
    expect(res.body).toMatchObject({
      profile: { id: reader.userId, name: "내보내기", email: "ex@example.test" },
      identities: [{ provider: `sso:${site.id}`, subject: "exporter" }],
      comments: [{ id: mine.id, articleId: "art", body: "내 댓글 본문", status: "published", deleted: false }],
      reactions: [{ commentId: theirs.id, value: "like" }],
      reports: [{ commentId: theirs.id, reason: "abuse", note: "신고 사유" }],
      notifications: [{ type: "reply", commentId: reply.id, articleId: "art", read: false }],
      emailNotifications: { optedIn: false, addressVouched: false },
    });
    expect(JSON.stringify(res.body)).not.toContain("their comment");
    expect(JSON.stringify(res.body)).not.toContain("내보내기 답글");
  });

  it("needs a session", async () => {
    expect(refusal(await api("/api/v1/me/export"))).toEqual([401, "unauthenticated"]);
  });
});

describe("DELETE /api/v1/me", () => {
  it("erases the account's comments, reactions and reports with every count exact afterwards", async () => {
    const site = await createSite();
    await api(`/api/v1/admin/sites/${site.id}/articles/held`, { method: "PATCH", headers: ADMIN, json: { premoderation: "all" } });
    const [leaver, b, c] = [await login(site, { sub: "leaver" }), await login(site), await login(site)];
    const alone = await comment(site, leaver, "art", "leaver secret one");
    const withReply = await comment(site, leaver, "art", "leaver secret two");
    const replyToLeaver = await comment(site, b, "art", "b replies", { parentId: withReply.id });
    const bTop = await comment(site, b, "art", "b top");
    const leaverReply = await comment(site, leaver, "art", "leaver secret three", { parentId: bTop.id });
    const cTop = await comment(site, c, "art", "c top");
    const pending = await post(site, leaver, "held", { body: "leaver secret held" });
    expect(pending.body.comment.status).toBe("pending");
    await react(bTop.id, leaver, "like");
    await react(cTop.id, leaver, "dislike");
    await react(bTop.id, c, "like");
    await react(withReply.id, c, "like");
    await report(bTop.id, leaver);
    await report(cTop.id, b);
    expect((await list(site, "art")).body.article.commentCount).toBe(6);
    expect(await queueCount(site.id, "pending")).toBe(1);

    const res = await api("/api/v1/me", { method: "DELETE", headers: leaver.auth });
    expect(res.status).toBe(204);

    // Comments: removed, or a placeholder where someone replied; no text of theirs left anywhere.
    expect(await row(alone.id)).toBeNull();
    expect(await row(leaverReply.id)).toBeNull();
    expect(await row(pending.body.comment.id)).toBeNull();
    expect(await row(withReply.id)).toMatchObject({ body: null, deleted: 1 });
    expect(await count("comments where body like '%leaver secret%'")).toBe(0);
    expect(await count("comments where author_id = ?", leaver.userId)).toBe(0);
    const listed = (await list(site, "art")).body;
    expect(listed.article.commentCount).toBe(3);
    const byId = new Map(listed.comments.map((x: { id: string }) => [x.id, x]));
    expect(byId.get(withReply.id)).toMatchObject({ deleted: true, body: null, author: null, replyCount: 1 });
    expect(byId.get(bTop.id)).toMatchObject({ likes: 1, dislikes: 0, replyCount: 0 });
    expect(byId.get(cTop.id)).toMatchObject({ likes: 0, dislikes: 0 });
    // The sort keys follow the counts (written with them, not by a second write of the trigger).
    expect(await row(bTop.id)).toMatchObject({ net: 1, ratio_key: 1 });
    expect(await row(cTop.id)).toMatchObject({ net: 0, ratio_key: 0 });
    expect((await row(bTop.id))!.report_count).toBe(0);
    expect((await row(cTop.id))!.report_count).toBe(1);
    expect((await api(`/api/v1/sites/${site.id}/counts?articles=art,held`)).body.counts).toEqual({ art: 3, held: 0 });
    expect(await queueCount(site.id, "pending")).toBe(0);
    expect(replyToLeaver.id).toBeTruthy();

    // Reactions, reports, identities, sessions and the account itself are gone.
    expect(await count("reactions where user_id = ?", leaver.userId)).toBe(0);
    expect(await count("reports where user_id = ?", leaver.userId)).toBe(0);
    expect(await count("identities where user_id = ?", leaver.userId)).toBe(0);
    expect(await count("sessions where user_id = ?", leaver.userId)).toBe(0);
    expect(await count("users where id = ?", leaver.userId)).toBe(0);
    expect(refusal(await me(leaver))).toEqual([401, "invalid_session"]);

    // The audit log keeps its entries, with an anonymous id instead of the account's.
    expect(await count("moderation_actions where user_id = ?", leaver.userId)).toBe(0);
    const audit = await env.DB.prepare("select user_id from moderation_actions where site_id = ? and action = 'auto_hold'")
      .bind(site.id)
      .all<{ user_id: string }>();
    expect(audit.results).toHaveLength(1);
    expect(audit.results[0]!.user_id).toMatch(/^anon_/);
    expect((await row(withReply.id))!.author_id).toBe(audit.results[0]!.user_id);

    // Logging in again with the same SSO subject starts a new, empty account.
    const back = await login(site, { sub: "leaver" });
    expect(back.userId).not.toBe(leaver.userId);
    expect((await api("/api/v1/me/export", { headers: back.auth })).body.comments).toEqual([]);
  });

  it("keeps a deleted moderator's decisions in the audit log under an anonymous id", async () => {
    const site = await createSite();
    const moderator = await login(site, { role: "moderator" });
    const reader = await login(site);
    const c = await comment(site, reader, "art", "to be rejected");
    expect((await api(`/api/v1/moderation/comments/${c.id}/reject`, { method: "POST", headers: moderator.auth, json: { reason: "rule 1" } })).status).toBe(200);
    expect((await api("/api/v1/me", { method: "DELETE", headers: moderator.auth })).status).toBe(204);
    expect(await count("moderation_actions where actor_id = ?", moderator.userId)).toBe(0);
    const entry = await env.DB.prepare("select actor_id, action, reason from moderation_actions where comment_id = ? and action = 'reject'")
      .bind(c.id)
      .first<Record<string, string>>();
    expect(entry).toMatchObject({ action: "reject", reason: "rule 1" });
    expect(entry!.actor_id).toMatch(/^anon_/);
    expect((await row(c.id))!.reviewed_by).toBe(entry!.actor_id);
    expect(await count("comments where id = ? and status = 'rejected'", c.id)).toBe(1);
  });

  it("erases a prolific commenter's threads in a few D1 round trips per 50 comments, every count exact", async () => {
    const site = await createSite();
    const [prolific, other] = [await login(site), await login(site)];
    const own: string[] = [];
    for (let i = 0; i < 120; i++) {
      const parent = i % 10 === 9 ? own[i - 1] : undefined;
      own.push((await comment(site, prolific, `art-${Math.floor(i / 40)}`, `prolific secret ${i}`, parent ? { parentId: parent } : {})).id);
    }
    // Every tenth is a reply to the one before; others' replies keep three as placeholders.
    for (const i of [0, 40, 80]) await comment(site, other, `art-${i / 40}`, `reply to ${i}`, { parentId: own[i] });
    const before = (await api(`/api/v1/sites/${site.id}/counts?articles=art-0,art-1,art-2`)).body.counts;
    expect(before["art-0"] + before["art-1"] + before["art-2"]).toBe(123);

    const res = await api("/api/v1/me", { method: "DELETE", headers: prolific.auth });
    expect(res.status).toBe(204);
    // Round trips (the per-request subrequest limit): session, reactions/reports, 3 chunks of
    // (select + batch), the last empty select, the moderation check and the final batch.
    expect(Number(res.headers.get("X-D1-Calls"))).toBeLessThanOrEqual(12);
    expect(await count("comments where body like '%prolific secret%'")).toBe(0);
    expect(await count("comments where site_id = ? and deleted = 1", site.id)).toBe(3);
    const after = (await api(`/api/v1/sites/${site.id}/counts?articles=art-0,art-1,art-2`)).body.counts;
    expect(after).toEqual({ "art-0": 1, "art-1": 1, "art-2": 1 });
    for (const art of ["art-0", "art-1", "art-2"]) {
      const listed = (await list(site, art)).body;
      expect(listed.article.commentCount).toBe(1);
      expect(listed.comments).toHaveLength(1);
      expect(listed.comments[0]).toMatchObject({ deleted: true, body: null, replyCount: 1 });
    }
  });

  it("needs a session", async () => {
    expect(refusal(await api("/api/v1/me", { method: "DELETE" }))).toEqual([401, "unauthenticated"]);
  });
});
