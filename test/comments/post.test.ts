import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, comment, createSite, detailPaths, list, login, post, refusal } from "../helpers";

describe("POST /api/v1/sites/:site/articles/:article/comments", () => {
  it("creates a published comment and the article on first comment", async () => {
    const site = await createSite();
    const reader = await login(site, { name: "김기자" });
    const res = await post(site, reader, "2021-05-17-lg-ai", { body: "  좋은 기사 감사합니다  ", url: "https://news.example/a", title: "LG AI" });
    expect(res.status).toBe(201);
    expect(res.body.comment).toMatchObject({ body: "좋은 기사 감사합니다", status: "published", deleted: false, mine: true, parentId: null, likes: 0 });
    expect(res.body.comment.author).toEqual({ id: reader.userId, name: "김기자", avatar: null, badges: [] });
    const listed = await list(site, "2021-05-17-lg-ai");
    expect(listed.body.article).toEqual({ id: "2021-05-17-lg-ai", commentCount: 1, open: true, url: "https://news.example/a", title: "LG AI" });
  });

  it("stores the body as given, never interpreting HTML", async () => {
    const site = await createSite();
    const reader = await login(site);
    const xss = `<img src=x onerror="alert(1)"><script>alert('x')</script> & "quotes"`;
    const c = await comment(site, reader, "a", xss);
    expect(c.body).toBe(xss);
    const row = await env.DB.prepare("select body from comments where id = ?").bind(c.id).first<{ body: string }>();
    expect(row?.body).toBe(xss);
  });

  it("counts Unicode characters, not bytes or UTF-16 units, for the 3000 limit", async () => {
    const site = await createSite();
    const reader = await login(site);
    expect((await post(site, reader, "a", { body: "가".repeat(3000) })).status).toBe(201);
    expect((await post(site, reader, "a", { body: "😀".repeat(3000) })).status).toBe(201);
    const tooLong = await post(site, reader, "a", { body: "가".repeat(3001) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.code).toBe("invalid_request");
    expect(detailPaths(tooLong)).toEqual(["body"]);
  });

  it("refuses empty and whitespace-only bodies with empty_body, missing ones with invalid_request", async () => {
    const site = await createSite();
    const reader = await login(site);
    for (const [json, code] of [
      [{ body: "" }, "empty_body"],
      [{ body: "   \n\t " }, "empty_body"],
      [{}, "invalid_request"],
      [{ body: 42 }, "invalid_request"],
    ] as const) {
      const res = await post(site, reader, "a", json);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe(code);
      expect(detailPaths(res)).toEqual(["body"]);
    }
    expect((await list(site, "a")).body.comments).toEqual([]);
  });

  it("stores the body without bidi overrides, NUL or other controls, keeping line breaks and tabs", async () => {
    const site = await createSite();
    const reader = await login(site);
    const c = await comment(site, reader, "a", "\u202Egood\u0000 point\u0007\r\n\tsecond\u200B line\uFEFF");
    expect(c.body).toBe("good point\n\tsecond line");
    const row = await env.DB.prepare("select body from comments where id = ?").bind(c.id).first<{ body: string }>();
    expect(row?.body).toBe("good point\n\tsecond line");
    expect((await list(site, "a")).body.comments[0].body).toBe("good point\n\tsecond line");
  });

  it("answers 400 empty_body for a body of only invisible characters, every time, storing nothing", async () => {
    const site = await createSite();
    const reader = await login(site);
    for (const body of ["\u200B\u202E\u3164", "\u200B\u202E\u3164", "\u3164\u3164", "\u2066\u0000\u200D\u2800 \n"]) {
      const res = await post(site, reader, "a", { body });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("empty_body");
      expect(res.body.error.details).toEqual([{ location: "json", path: "body", message: "must contain visible text" }]);
    }
    const rows = await env.DB.prepare("select count(*) as n from comments where site_id = ?").bind(site.id).first<{ n: number }>();
    expect(rows?.n).toBe(0);
  });

  it("answers invalid_request when an empty body comes with another mistake", async () => {
    const site = await createSite();
    const reader = await login(site);
    const res = await post(site, reader, "a", { body: "\u200B", status: "published" });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_request");
    expect(detailPaths(res).sort()).toEqual(["body", "status"]);
  });

  it("refuses fields a client may not set", async () => {
    const site = await createSite();
    const reader = await login(site);
    const res = await post(site, reader, "a", { body: "hi", status: "published", authorId: "x" });
    expect(refusal(res)).toEqual([400, "invalid_request"]);
    expect(detailPaths(res).sort()).toEqual(["authorId", "status"]);
  });

  it("requires a session, and one for this site", async () => {
    const site = await createSite();
    const other = await createSite();
    const outsider = await login(other);
    const anonymous = await api(`/api/v1/sites/${site.id}/articles/a/comments`, { method: "POST", json: { body: "hi" } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe("unauthenticated");
    const wrongSite = await post(site, outsider, "a", { body: "hi" });
    expect(wrongSite.status).toBe(403);
    expect(wrongSite.body.error.code).toBe("wrong_site");
  });

  it("answers 404 for an unknown site", async () => {
    const site = await createSite();
    const reader = await login(site);
    const res = await post({ id: "no-such-site" }, reader, "a", { body: "hi" });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("site_not_found");
  });

  it("refuses article ids over 200 characters", async () => {
    const site = await createSite();
    const reader = await login(site);
    const res = await post(site, reader, "x".repeat(201), { body: "hi" });
    expect(refusal(res)).toEqual([400, "invalid_request"]);
    expect(detailPaths(res)).toEqual(["article"]);
  });

  it("creates one comment for a retried post with the same Idempotency-Key", async () => {
    const site = await createSite();
    const reader = await login(site);
    const headers = { "Idempotency-Key": "retry-1" };
    const first = await post(site, reader, "a", { body: "once" }, headers);
    const again = await post(site, reader, "a", { body: "once" }, headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.comment.id).toBe(first.body.comment.id);
    expect((await list(site, "a")).body.article.commentCount).toBe(1);
  });

  it("creates one comment when retries with the same key race", async () => {
    const site = await createSite();
    const reader = await login(site);
    const headers = { "Idempotency-Key": "race-1" };
    const results = await Promise.all(Array.from({ length: 5 }, () => post(site, reader, "a", { body: "once" }, headers)));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(results.map((r) => r.body.comment.id)).size).toBe(1);
    const rows = await env.DB.prepare("select count(*) as n from comments where site_id = ?").bind(site.id).first<{ n: number }>();
    expect(rows?.n).toBe(1);
    expect((await list(site, "a")).body.article.commentCount).toBe(1);
  });

  it("refuses an Idempotency-Key reused for a different body", async () => {
    const site = await createSite();
    const reader = await login(site);
    const headers = { "Idempotency-Key": "k" };
    await post(site, reader, "a", { body: "one" }, headers);
    const res = await post(site, reader, "a", { body: "two" }, headers);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("idempotency_key_reused");
  });

  it("keys idempotency per user", async () => {
    const site = await createSite();
    const [a, b] = [await login(site), await login(site)];
    const headers = { "Idempotency-Key": "same" };
    const ca = await post(site, a, "x", { body: "hello" }, headers);
    const cb = await post(site, b, "x", { body: "hello" }, headers);
    expect(ca.body.comment.id).not.toBe(cb.body.comment.id);
  });
});

describe("replies", () => {
  it("attaches a reply to its parent and counts it", async () => {
    const site = await createSite();
    const [a, b] = [await login(site), await login(site)];
    const parent = await comment(site, a, "art", "parent");
    const reply = await comment(site, b, "art", "reply", { parentId: parent.id });
    expect(reply.parentId).toBe(parent.id);
    const listed = await list(site, "art");
    expect(listed.body.article.commentCount).toBe(2);
    expect(listed.body.comments).toHaveLength(1);
    expect(listed.body.comments[0]).toMatchObject({ id: parent.id, replyCount: 1 });
    expect(listed.body.comments[0].replies.map((r: { id: string }) => r.id)).toEqual([reply.id]);
  });

  it("keeps replies one level deep: a reply to a reply joins the top-level thread", async () => {
    const site = await createSite();
    const reader = await login(site);
    const top = await comment(site, reader, "art", "top");
    const reply = await comment(site, reader, "art", "reply", { parentId: top.id });
    const nested = await comment(site, reader, "art", "nested", { parentId: reply.id });
    expect(nested.parentId).toBe(top.id);
  });

  it("refuses a parent from another article or site", async () => {
    const site = await createSite();
    const other = await createSite();
    const reader = await login(site);
    const elsewhere = await comment(site, reader, "other-article", "x");
    const otherSite = await comment(other, await login(other), "art", "y");
    for (const parentId of [elsewhere.id, otherSite.id, "01NOSUCHCOMMENT0000000000"]) {
      const res = await post(site, reader, "art", { body: "reply", parentId });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("invalid_parent");
    }
  });

  it("refuses a reply to a deleted comment", async () => {
    const site = await createSite();
    const [a, b] = [await login(site), await login(site)];
    const parent = await comment(site, a, "art", "parent");
    await comment(site, b, "art", "keeps it as placeholder", { parentId: parent.id });
    await api(`/api/v1/comments/${parent.id}`, { method: "DELETE", headers: a.auth });
    const res = await post(site, b, "art", { body: "late", parentId: parent.id });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("parent_deleted");
  });
});

describe("cost of a post", () => {
  it("reads O(1) rows from D1, however many comments the site has", async () => {
    const site = await createSite();
    const busy = await login(site);
    const now = Date.now();
    const statements = Array.from({ length: 400 }, (_, i) =>
      env.DB.prepare(
        "insert into comments (id, site_id, article_id, parent_id, author_id, body, status, created_at) values (?, ?, 'big', null, ?, ?, 'published', ?)",
      ).bind(`SEED${String(i).padStart(22, "0")}`, site.id, busy.userId, `seeded ${i}`, now - 10_000 + i),
    );
    await env.DB.batch(statements);
    const newcomer = await login(site);
    const res = await post(site, newcomer, "big", { body: "a new voice in a long thread" });
    expect(res.status).toBe(201);
    expect(res.rowsRead).toBeGreaterThan(0);
    expect(res.rowsRead).toBeLessThan(60);
    // A long recent history in the audit log costs nothing: trust reads the daily decision counters.
    await env.DB.batch(
      Array.from({ length: 300 }, (_, i) =>
        env.DB.prepare(
          "insert into moderation_actions (id, site_id, comment_id, user_id, actor_type, action, created_at) values (?, ?, ?, ?, 'system', 'auto_publish', ?)",
        ).bind(`AUDIT${String(i).padStart(21, "0")}`, site.id, `SEED${String(i).padStart(22, "0")}`, busy.userId, now - 1000 + i),
      ),
    );
    const regular = await post(site, busy, "big", { body: "one more from the regular" });
    expect(regular.status).toBe(201);
    expect(regular.rowsRead).toBeLessThan(60);
  });
});
