import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, comment, createSite, detailPaths, login, refusal } from "../helpers";

const report = (id: string, auth: Record<string, string>, json: unknown) => api(`/api/v1/comments/${id}/reports`, { method: "POST", headers: auth, json });

describe("POST /api/v1/comments/:id/reports", () => {
  it("stores a report with its reason and note, and counts it on the comment", async () => {
    const site = await createSite();
    const [author, reader] = [await login(site), await login(site)];
    const c = await comment(site, author, "art", "광고 링크");
    const res = await report(c.id, reader.auth, { reason: "spam", note: "광고입니다" });
    expect(res.status).toBe(201);
    expect(res.body.report).toMatchObject({ commentId: c.id, reason: "spam", note: "광고입니다" });
    const stored = await env.DB.prepare(
      "select r.reason, r.user_id, c.report_count from reports r join comments c on c.id = r.comment_id where r.comment_id = ?",
    )
      .bind(c.id)
      .first();
    expect(stored).toEqual({ reason: "spam", user_id: reader.userId, report_count: 1 });
  });

  it("takes one report per reader per comment, even when sent twice at once", async () => {
    const site = await createSite();
    const [author, reader] = [await login(site), await login(site)];
    const c = await comment(site, author, "art", "x");
    const results = await Promise.all([report(c.id, reader.auth, { reason: "abuse" }), report(c.id, reader.auth, { reason: "hate" })]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.status === 409)?.body.error.code).toBe("already_reported");
    const stored = await env.DB.prepare("select report_count from comments where id = ?").bind(c.id).first<{ report_count: number }>();
    expect(stored?.report_count).toBe(1);
  });

  it("validates the reason and the note", async () => {
    const site = await createSite();
    const [author, reader] = [await login(site), await login(site)];
    const c = await comment(site, author, "art", "x");
    for (const [json, field] of [
      [{ reason: "boring" }, "reason"],
      [{}, "reason"],
      [{ reason: "other", note: "n".repeat(1001) }, "note"],
    ] as const) {
      const res = await report(c.id, reader.auth, json);
      expect(refusal(res)).toEqual([400, "invalid_request"]);
      expect(detailPaths(res)).toEqual([field]);
    }
  });

  it("refuses reports on one's own comment and across sites", async () => {
    const site = await createSite();
    const other = await createSite();
    const author = await login(site);
    const c = await comment(site, author, "art", "x");
    expect(refusal(await report(c.id, author.auth, { reason: "spam" }))).toEqual([403, "own_comment"]);
    expect(refusal(await report(c.id, (await login(other)).auth, { reason: "spam" }))).toEqual([403, "wrong_site"]);
  });
});
