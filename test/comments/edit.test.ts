import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ADMIN, api, comment, createSite, detailPaths, login, refusal, type Rejection } from "../helpers";

const edit = (id: string, auth: Record<string, string>, json: unknown) => api(`/api/v1/comments/${id}`, { method: "PATCH", headers: auth, json });

describe("PATCH /api/v1/comments/:id", () => {
  it("lets the author edit within the window and sets editedAt", async () => {
    const site = await createSite();
    const reader = await login(site);
    const c = await comment(site, reader, "art", "오타가 있는 댓글");
    const res = await edit(c.id, reader.auth, { body: "오타를 고친 댓글" });
    expect(res.status).toBe(200);
    expect(res.body.comment).toMatchObject({ id: c.id, body: "오타를 고친 댓글", mine: true });
    expect(res.body.comment.editedAt).toEqual(expect.any(String));
  });

  it("refuses another reader's edit", async () => {
    const site = await createSite();
    const [owner, other] = [await login(site), await login(site)];
    const c = await comment(site, owner, "art", "original");
    const res = await edit(c.id, other.auth, { body: "hijacked" });
    expect(refusal(res)).toEqual([403, "forbidden"]);
    expect(res.body.error.message).toMatch(/own comments/); // the author-only rule
    const stored = await env.DB.prepare("select body from comments where id = ?").bind(c.id).first<{ body: string }>();
    expect(stored?.body).toBe("original");
  });

  it("refuses even a moderator's edit of someone else's words", async () => {
    const site = await createSite();
    const c = await comment(site, await login(site), "art", "original");
    const moderator = await login(site, { role: "moderator" });
    const res = await edit(c.id, moderator.auth, { body: "changed" });
    expect(refusal(res)).toEqual([403, "forbidden"]);
    expect(res.body.error.message).toMatch(/own comments/); // author-only: moderating gives no right to edit
  });

  it("refuses edits after the site's edit window", async () => {
    const site = await createSite({ settings: { editWindowSeconds: 0 } });
    const reader = await login(site);
    const c = await comment(site, reader, "art", "too late");
    await new Promise((r) => setTimeout(r, 5));
    const res = await edit(c.id, reader.auth, { body: "changed" });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("edit_window_passed");
  });

  it("follows the edit window set through the admin API", async () => {
    const site = await createSite();
    const reader = await login(site);
    const c = await comment(site, reader, "art", "x");
    await api(`/api/v1/admin/sites/${site.id}`, { method: "PATCH", headers: ADMIN, json: { settings: { editWindowSeconds: 0 } } });
    await new Promise((r) => setTimeout(r, 5));
    expect(refusal(await edit(c.id, reader.auth, { body: "y" }))).toEqual([403, "edit_window_passed"]);
  });

  it("validates the new body like a new comment", async () => {
    const site = await createSite();
    const reader = await login(site);
    const c = await comment(site, reader, "art", "x");
    const cases = [
      [{ body: " " }, "empty_body", "body"],
      [{ body: "a".repeat(3001) }, "invalid_request", "body"],
      [{}, "invalid_request", "body"],
      [{ body: "ok", status: "published" }, "invalid_request", "status"],
    ] as const;
    for (const [json, code, field] of cases) {
      const res = await edit(c.id, reader.auth, json);
      expect(refusal(res), JSON.stringify(json).slice(0, 40)).toEqual([400, code]);
      expect(detailPaths(res)).toEqual([field]);
    }
  });

  it("refuses an edit to only invisible characters with empty_body and keeps the old text", async () => {
    const site = await createSite();
    const reader = await login(site);
    const c = await comment(site, reader, "art", "first text");
    const res = await edit(c.id, reader.auth, { body: "\u202E\u200B\u3164\u0000" });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("empty_body");
    const row = await env.DB.prepare("select body from comments where id = ?").bind(c.id).first<{ body: string }>();
    expect(row?.body).toBe("first text");
  });

  it("answers 404 for a deleted or unknown comment", async () => {
    const site = await createSite();
    const reader = await login(site);
    const c = await comment(site, reader, "art", "x");
    await api(`/api/v1/comments/${c.id}`, { method: "DELETE", headers: reader.auth });
    expect(refusal(await edit(c.id, reader.auth, { body: "back" }))).toEqual([404, "comment_not_found"]);
    expect(refusal(await edit("NOPE", reader.auth, { body: "back" }))).toEqual([404, "comment_not_found"]);
  });

  it("refuses a session from another site", async () => {
    const site = await createSite();
    const other = await createSite();
    const c = await comment(site, await login(site), "art", "x");
    const res = await edit(c.id, (await login(other)).auth, { body: "y" });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("wrong_site");
  });
});

describe("an edit never lifts a moderation hold", () => {
  const queueIds = async (site: { id: string }, queue: string) =>
    (await api(`/api/v1/sites/${site.id}/moderation/queue?queue=${queue}`, { headers: ADMIN })).body.items.map(
      (i: { comment: { id: string } }) => i.comment.id,
    );
  const visibleTo = async (site: { id: string }, id: string) =>
    (await api(`/api/v1/sites/${site.id}/articles/art/comments`)).body.comments.some((c: { id: string }) => c.id === id);

  it("keeps a comment hidden by reports hidden, and in the reported queue, after its author edits it", async () => {
    const site = await createSite({ settings: { reportThreshold: 1, autoHideThreshold: 1 } });
    const author = await login(site);
    const c = await comment(site, author, "art", "신고를 받게 될 댓글입니다");
    const reported = await api(`/api/v1/comments/${c.id}/reports`, { method: "POST", headers: (await login(site)).auth, json: { reason: "abuse" } });
    expect(reported.status).toBe(201);
    expect(await visibleTo(site, c.id)).toBe(false);

    const res = await edit(c.id, author.auth, { body: "신고를 받게 될 댓글입니다!" });
    expect(res.status).toBe(200);
    expect(res.body.comment.status).toBe("pending");
    expect(await visibleTo(site, c.id)).toBe(false);
    expect(await queueIds(site, "reported")).toContain(c.id);

    const log = await api(`/api/v1/sites/${site.id}/moderation/log?commentId=${c.id}`, { headers: ADMIN });
    expect(log.body.entries.map((a: { action: string }) => a.action)).toContain("edit");
    // A moderator's approval is what publishes it.
    expect((await api(`/api/v1/moderation/comments/${c.id}/approve`, { method: "POST", headers: ADMIN, json: {} })).status).toBe(200);
    expect(await visibleTo(site, c.id)).toBe(true);
  });

  it("refuses an edit of a comment a moderator rejected", async () => {
    const site = await createSite();
    const author = await login(site);
    const c = await comment(site, author, "art", "운영자가 거부할 댓글");
    expect((await api(`/api/v1/moderation/comments/${c.id}/reject`, { method: "POST", headers: ADMIN, json: { reason: "off-topic" } })).status).toBe(200);
    const res = await edit(c.id, author.auth, { body: "고쳐서 다시 게시" });
    expect(refusal(res)).toEqual([403, "forbidden"]);
    expect(res.body.error.message).toMatch(/rejected/); // the rejected-comment rule, not the author check
    const stored = await env.DB.prepare("select body, status from comments where id = ?").bind(c.id).first();
    expect(stored).toEqual({ body: "운영자가 거부할 댓글", status: "rejected" });
  });

  it("records every edit in the audit log, status kept or not", async () => {
    const site = await createSite();
    const author = await login(site);
    const c = await comment(site, author, "art", "처음 쓴 댓글입니다");
    await edit(c.id, author.auth, { body: "한 번 고친 댓글입니다" });
    const log = await api(`/api/v1/sites/${site.id}/moderation/log?commentId=${c.id}`, { headers: ADMIN });
    const entry = log.body.entries.find((a: { action: string }) => a.action === "edit");
    expect(entry).toMatchObject({ statusBefore: "published", statusAfter: "published", reason: "edited" });
  });
});

describe("repeated-content checks on edits", () => {
  it("holds the third account that edits its unique text into a text two others just edited into", async () => {
    const site = await createSite();
    const shared = "이 링크에서 무료 쿠폰을 받으세요 지금 바로";
    const statuses: string[] = [];
    for (const i of [1, 2, 3]) {
      const reader = await login(site);
      const c = await comment(site, reader, `art-${i}`, `저마다 다른 첫 댓글 ${i}번째입니다`);
      const res = await edit(c.id, reader.auth, { body: shared });
      expect(res.status).toBe(200);
      statuses.push(res.body.comment.status);
    }
    expect(statuses).toEqual(["published", "published", "pending"]);
    const held = await env.DB.prepare("select reasons from comments where body = ? and status = 'pending'").bind(shared).first<{ reasons: string }>();
    expect(JSON.parse(held!.reasons).map((r: { code: string }) => r.code)).toContain("flooding");
  });

  it("refuses an edit into the text of the author's other comment on the article, but not a small fix of its own text", async () => {
    const site = await createSite();
    const reader = await login(site);
    await comment(site, reader, "art", "첫 번째 댓글은 이렇게 씁니다");
    const second = await comment(site, reader, "art", "두 번째 댓글은 다르게 씁니다");
    const copy = await edit(second.id, reader.auth, { body: "첫 번째 댓글은 이렇게 씁니다" });
    expect(refusal(copy)).toEqual([422, "comment_rejected"]);
    expect((copy.body.error.details as Rejection).reasons.map((r) => r.code)).toEqual(["duplicate"]);
    // Punctuation only: the same text as itself is not a copy.
    expect((await edit(second.id, reader.auth, { body: "두 번째 댓글은, 다르게 씁니다!" })).status).toBe(200);
  });
});
