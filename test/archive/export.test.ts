import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { bodyRecordTypes } from "../../src/archive/exportFormat";
import { exportStream } from "../../src/archive/exportSite";
import { readExport } from "../../src/archive/readExport";
import { createDb } from "../../src/db/client";
import { meteredD1, RowMeter } from "../../src/db/metering";
import { ADMIN, api, comment, createSite, login, refusal } from "../helpers";
import { downloadExport, gunzipText, recordsOf, seedRichSite } from "./archiveHelpers";

const exportPath = (siteId: string) => `/api/v1/admin/sites/${siteId}/export`;

describe("GET /api/v1/admin/sites/:site/export", () => {
  it("streams a gzipped NDJSON file with a record of every kind, header first and counting trailer last", async () => {
    const { site, author, reader, moderator, ids } = await seedRichSite();
    const { res, records } = await downloadExport(site.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/gzip");
    expect(res.headers.get("Content-Encoding")).toBeNull();
    expect(res.headers.get("Content-Disposition")).toMatch(new RegExp(`^attachment; filename="marginalia-${site.id}-\\d{4}-\\d{2}-\\d{2}\\.ndjson\\.gz"$`));

    expect(records[0]).toMatchObject({ type: "marginalia-export", version: 1, siteId: site.id });
    const types = records.map((r) => r.type);
    expect(types.at(-1)).toBe("marginalia-export-end");
    for (const type of ["site", "article", "author", "identity", "comment", "report", "moderator", "ban", "moderationAction"]) expect(types).toContain(type);
    // Grouped in the documented order.
    const order = [...new Set(types)];
    expect(order).toEqual(["marginalia-export", ...bodyRecordTypes, "marginalia-export-end"]);
    const trailer = records.at(-1) as unknown as { counts: Record<string, number> };
    for (const type of order.slice(1, -1)) expect(trailer.counts[type]).toBe(types.filter((t) => t === type).length);

    const byType = (type: string) => records.filter((r) => r.type === type);
    const site_ = byType("site")[0]!;
    expect(site_).toMatchObject({ id: site.id, origins: [site.origin], webhookConfigured: true, settings: { premoderation: "off" } });
    expect(site_.settings).not.toHaveProperty("webhookUrl");
    expect(site_.loginProviders).toEqual([expect.objectContaining({ id: "kakao", clientId: "kakao-client", hasClientSecret: true })]);
    expect(byType("article").map((a) => a.id)).toEqual(["art-1", "art-2", "art-3"]);
    expect(byType("article")[2]).toMatchObject({ premoderation: "all" });
    expect(
      byType("author")
        .map((a) => a.id)
        .sort(),
    ).toEqual([author.userId, reader.userId, moderator.userId].sort());
    expect(byType("author").find((a) => a.id === author.userId)).toEqual({
      type: "author",
      id: author.userId,
      displayName: "김기자",
      avatarUrl: null,
      role: "commenter",
      counts: { published: 2, pending: 1, rejected: 0 },
      badges: ["기자"],
      grantedBadges: [],
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(byType("identity").find((i) => i.authorId === author.userId)).toMatchObject({ provider: "sso", subject: "cms-author-1" });

    const comments = byType("comment");
    const byId = new Map(comments.map((c) => [c.id as string, c]));
    expect(byId.get(ids.top.id)).toMatchObject({
      articleId: "art-1",
      parentId: null,
      authorId: author.userId,
      body: "첫 댓글입니다",
      status: "published",
      replyCount: 1,
    });
    expect(byId.get(ids.reply.id)).toMatchObject({ parentId: ids.top.id, reportCount: 1, body: "A reply to the first" });
    expect(byId.get(ids.doomed.id)).toMatchObject({ deleted: true, body: null, reasons: [], toxicity: null, replyCount: 1 });
    expect(byId.get(ids.rejected.id)).toMatchObject({ status: "rejected", reviewedBy: moderator.userId, reviewedAt: expect.any(String) });
    expect(byId.get(ids.pending.id)).toMatchObject({ status: "pending", articleId: "art-3" });
    // Every reply comes after its parent.
    const position = new Map(comments.map((c, i) => [c.id, i]));
    for (const c of comments) if (c.parentId !== null) expect(position.get(c.parentId)).toBeLessThan(position.get(c.id)!);

    expect(byType("report")).toEqual([expect.objectContaining({ commentId: ids.reply.id, userId: author.userId, reason: "spam", note: "looks like an ad" })]);
    expect(byType("moderator")).toEqual([{ type: "moderator", userId: moderator.userId, createdAt: expect.any(String) }]);
    expect(byType("ban")).toEqual([expect.objectContaining({ userId: reader.userId, until: null, reason: "spam", createdBy: moderator.userId })]);
    const actions = byType("moderationAction");
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(["reject", "ban", "auto_hold"]));
    expect(actions.map((a) => a.createdAt)).toEqual(actions.map((a) => a.createdAt).sort());
  });

  it("writes no secret, sealed value, session token or hash, and no e-mail address", async () => {
    const { site, secrets } = await seedRichSite();
    const { text } = await downloadExport(site.id);
    expect(secrets.length).toBeGreaterThan(15);
    for (const secret of secrets) expect(text, `leaks ${secret.slice(0, 12)}…`).not.toContain(secret);
    expect(text).not.toMatch(/@mail\.example/);
    // A deleted comment's text is gone from the database, so from the export too.
    expect(text).not.toContain("will be deleted");
    expect(text).not.toMatch(/"(email|tokenHash|token_hash|bodyHash|ssoSecret\w*|webhookSecret\w*|clientSecretSealed|webhookUrl)"/);
  });

  it("is read back by readExport: every line a valid record, nothing invalid or unknown", async () => {
    const { site } = await seedRichSite();
    const download = await exports.default.fetch(new Request(`https://marginalia.test${exportPath(site.id)}`, { headers: ADMIN }));
    expect(download.status).toBe(200);
    const kinds: string[] = [];
    for await (const line of readExport(download.body!)) kinds.push(line.kind);
    expect(kinds.length).toBeGreaterThan(20);
    expect(new Set(kinds)).toEqual(new Set(["record"]));
  });

  it("reads in keyset pages across page boundaries: every row once, one query a page", async () => {
    const site = await createSite();
    const readers = await Promise.all([1, 2, 3, 4, 5].map((n) => login(site, { name: `독자 ${n}` })));
    const tops = [];
    for (let i = 0; i < 5; i++) tops.push(await comment(site, readers[i]!, `a-${i % 3}`, `top ${i}`));
    for (let i = 0; i < 7; i++) await comment(site, readers[i % 5]!, `a-${i % 3}`, `reply ${i}`, { parentId: tops[i % 3]!.id });

    const meter = new RowMeter();
    const text = await gunzipText(exportStream(createDb(meteredD1(env.DB, meter)), site.id, { pageSize: 2 }));
    const records = recordsOf(text);
    const comments = records.filter((r) => r.type === "comment");
    expect(comments).toHaveLength(12);
    expect(new Set(comments.map((c) => c.id)).size).toBe(12);
    expect(comments.slice(0, 5).map((c) => c.body)).toEqual(["top 0", "top 1", "top 2", "top 3", "top 4"]);
    expect(records.filter((r) => r.type === "author")).toHaveLength(5);
    expect(records.filter((r) => r.type === "article").map((a) => a.id)).toEqual(["a-0", "a-1", "a-2"]);
    // Pages of 2: site 1, articles 2 (3 rows), authors 3, identities 3, top-level 3, replies 4,
    // audit log 7 (12 rows: every comment's automatic decision), others 1 each (empty).
    const pages = 1 + 2 + 3 + 3 + 3 + 4 + 1 + 1 + 1 + 7;
    expect(meter.calls).toBe(pages);
    // Each page reads only its own rows (a keyset seek, never an OFFSET scan).
    expect(meter.rowsRead).toBeLessThan(3 * (records.length + pages));

    // The same records as with one big page.
    const whole = recordsOf(await gunzipText(exportStream(createDb(env.DB), site.id, { pageSize: 1000 })));
    const withoutTime = (list: Record<string, unknown>[]) => list.filter((r) => r.type !== "marginalia-export");
    expect(withoutTime(records)).toEqual(withoutTime(whole));
  });

  it("holds what existed when it started: a later reply is left for the next export", async () => {
    const site = await createSite();
    const reader = await login(site);
    const top = await comment(site, reader, "a", "before");
    const late = await comment(site, reader, "a", "after the start", { parentId: top.id });
    const startedAt = Date.now() - 1;
    await env.DB.prepare("update comments set created_at = ? where id = ?")
      .bind(startedAt + 1, late.id)
      .run();
    await env.DB.prepare("update moderation_actions set created_at = ? where comment_id = ?")
      .bind(startedAt + 1, late.id)
      .run();
    await env.DB.prepare("update comments set created_at = ? where id = ?")
      .bind(startedAt - 10, top.id)
      .run();
    const records = recordsOf(await gunzipText(exportStream(createDb(env.DB), site.id, { now: startedAt })));
    expect(records.filter((r) => r.type === "comment").map((c) => c.body)).toEqual(["before"]);
    expect(records.filter((r) => r.type === "moderationAction").map((a) => a.commentId)).not.toContain(late.id);
    expect(records.at(-1)).toMatchObject({ counts: { comment: 1 } });
  });

  it("keeps a deleted account's placeholders under its anonymous id, with no author record for it", async () => {
    const site = await createSite();
    const [leaving, staying] = [await login(site, { name: "떠나는 독자" }), await login(site)];
    const top = await comment(site, leaving, "a", "my words");
    await comment(site, staying, "a", "a reply that keeps the placeholder", { parentId: top.id });
    expect((await api("/api/v1/me", { method: "DELETE", headers: leaving.auth })).status).toBe(204);
    const { records, text } = await downloadExport(site.id);
    const placeholder = records.find((r) => r.type === "comment" && r.id === top.id);
    expect(placeholder).toMatchObject({ deleted: true, body: null, authorId: expect.stringMatching(/^anon_/) });
    expect(records.filter((r) => r.type === "author").map((a) => a.id)).toEqual([staying.userId]);
    expect(text).not.toContain("my words");
    expect(text).not.toContain("떠나는 독자");
  });

  it("is documented: a gzip download in the OpenAPI document and on /docs, with the backup routes", async () => {
    const doc = (await api("/api/v1/openapi.json")).body;
    const exportOp = doc.paths["/api/v1/admin/sites/{site}/export"].get;
    expect(Object.keys(exportOp.responses["200"].content)).toEqual(["application/gzip"]);
    expect(exportOp.security).toEqual([{ admin: [] }]);
    expect(Object.keys(doc.paths["/api/v1/admin/sites/{site}/backups"]).sort()).toEqual(["get", "post"]);
    expect(Object.keys(doc.paths["/api/v1/admin/sites/{site}/backups/{date}"].get.responses["200"].content)).toEqual(["application/gzip"]);
    expect((await api("/docs")).text).toContain("<code>application/gzip</code>");
  });

  it("answers 401 without the admin token and 403 with a wrong one", async () => {
    const site = await createSite();
    expect(refusal(await api(exportPath(site.id)))).toEqual([401, "unauthenticated"]);
    expect(refusal(await api(exportPath(site.id), { headers: { Authorization: "Bearer wrong" } }))).toEqual([403, "forbidden"]);
    const reader = await login(site, { role: "moderator" });
    expect(refusal(await api(exportPath(site.id), { headers: reader.auth }))).toEqual([403, "forbidden"]);
  });

  it("answers 404 for an unknown site and 400 for an impossible site id", async () => {
    expect(refusal(await api(exportPath("no-such-site-here"), { headers: ADMIN }))).toEqual([404, "site_not_found"]);
    expect(refusal(await api(exportPath("Not_A_Site"), { headers: ADMIN }))).toEqual([400, "invalid_request"]);
  });
});
