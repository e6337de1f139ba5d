import { describe, expect, it } from "vitest";
import { ADMIN, api, comment, createSite, detailPaths, list, login, post, refusal, type Reader } from "../helpers";

type Site = Awaited<ReturnType<typeof createSite>>;
const queue = (site: Site, who: { Authorization: string }, q = "pending", extra = "") =>
  api(`/api/v1/sites/${site.id}/moderation/queue?queue=${q}${extra}`, { headers: who });
const act = (id: string, action: string, who: { Authorization: string }, json?: unknown) =>
  api(`/api/v1/moderation/comments/${id}/${action}`, { method: "POST", headers: who, json });
const setSettings = (site: Site, json: unknown) => api(`/api/v1/sites/${site.id}/settings`, { method: "PATCH", headers: ADMIN, json });
const report = (id: string, reader: Reader, reason = "abuse") =>
  api(`/api/v1/comments/${id}/reports`, { method: "POST", headers: reader.auth, json: { reason } });

async function premoderatedSite() {
  const site = await createSite();
  await setSettings(site, { premoderation: "all" });
  return site;
}

async function held(site: Site, reader: Reader, body: string) {
  const res = await post(site, reader, "art", { body });
  expect(res.status).toBe(201);
  expect(res.body.comment.status).toBe("pending");
  return res.body.comment.id as string;
}

describe("the pending queue", () => {
  it("lists held comments oldest first with the pipeline's reasons and the author's history", async () => {
    const site = await premoderatedSite();
    const reader = await login(site, { name: "김독자" });
    const moderator = await login(site, { role: "moderator" });
    const first = await held(site, reader, "첫 번째 댓글");
    const second = await held(site, reader, "두 번째 댓글");
    const res = await queue(site, moderator.auth);
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { comment: { id: string } }) => i.comment.id)).toEqual([first, second]);
    expect(res.body.counts).toEqual({ pending: 2, reported: 0, rejected: 0, approved: 0 });
    const item = res.body.items[0];
    expect(item.reasons).toEqual([expect.objectContaining({ code: "premoderation", action: "hold" })]);
    expect(item.author).toMatchObject({ id: reader.userId, name: "김독자", history: { published: 0, pending: 2, rejected: 0 }, ban: null });
    expect(item.article).toEqual({ id: "art", title: null, url: null });
    expect(item.reports).toEqual([]);
  });

  it("pages with a cursor, every item once", async () => {
    const site = await premoderatedSite();
    const reader = await login(site);
    const moderator = await login(site, { role: "moderator" });
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await held(site, reader, `held ${i}`));
    const seen: string[] = [];
    let cursor = "";
    do {
      const res = await queue(site, moderator.auth, "pending", `&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      seen.push(...res.body.items.map((i: { comment: { id: string } }) => i.comment.id));
      cursor = res.body.nextCursor ?? "";
    } while (cursor);
    expect(seen).toEqual(ids);
  });

  it("approving publishes the comment for every reader and moves it to the approved queue", async () => {
    const site = await premoderatedSite();
    const reader = await login(site);
    const moderator = await login(site, { role: "moderator" });
    const id = await held(site, reader, "검토 대기");
    expect((await list(site, "art")).body.comments).toEqual([]);
    const res = await act(id, "approve", moderator.auth);
    expect(res.status).toBe(200);
    expect(res.body.comment).toMatchObject({ id, status: "published", reviewedBy: moderator.userId });
    const listed = await list(site, "art");
    expect(listed.body.comments.map((c: { id: string }) => c.id)).toEqual([id]);
    expect(listed.body.article.commentCount).toBe(1);
    expect((await queue(site, moderator.auth, "approved")).body).toMatchObject({ counts: { pending: 0, approved: 1 }, items: [{ comment: { id } }] });
  });

  it("rejecting hides a published comment with the moderator's reason; restoring brings it back", async () => {
    const site = await createSite();
    const reader = await login(site);
    const moderator = await login(site, { role: "moderator" });
    const c = await comment(site, reader, "art", "선 넘는 댓글");
    const rejected = await act(c.id, "reject", moderator.auth, { reason: "인신공격" });
    expect(rejected.body.comment.status).toBe("rejected");
    expect((await list(site, "art")).body).toMatchObject({ comments: [], article: { commentCount: 0 } });
    const rq = await queue(site, moderator.auth, "rejected");
    expect(rq.body.counts.rejected).toBe(1);
    expect(rq.body.items[0].reasons).toContainEqual(expect.objectContaining({ source: "moderator", action: "reject", detail: "인신공격" }));
    expect((await act(c.id, "restore", moderator.auth)).body.comment.status).toBe("published");
    expect((await list(site, "art")).body.article.commentCount).toBe(1);
    expect((await queue(site, moderator.auth, "rejected")).body.counts).toMatchObject({ rejected: 0, approved: 1 });
  });

  it("lets exactly one of two moderators acting at once win; the other gets 409 with the current state", async () => {
    const site = await premoderatedSite();
    const reader = await login(site);
    const [m1, m2] = [await login(site, { role: "moderator" }), await login(site, { role: "moderator" })];
    const id = await held(site, reader, "동시에 처리");
    // Both moderators see the same version of the comment in their queue, then click at once.
    const { version } = (await queue(site, m1.auth)).body.items[0].comment;
    const results = await Promise.all([act(id, "approve", m1.auth, { version }), act(id, "reject", m2.auth, { reason: "spam", version })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409)!;
    const winner = results.find((r) => r.status === 200)!;
    expect(loser.body.error.code).toBe("state_changed");
    expect((loser.body.error.details as { current: { status: string } }).current.status).toBe(winner.body.comment.status);
    const counts = (await queue(site, m1.auth)).body.counts;
    expect(counts.pending).toBe(0);
    expect(counts.approved + counts.rejected).toBe(1);
    const expected = winner.body.comment.status === "published" ? 1 : 0;
    expect((await list(site, "art")).body.article.commentCount).toBe(expected);
    const log = await api(`/api/v1/sites/${site.id}/moderation/log?commentId=${id}`, { headers: ADMIN });
    expect(log.body.entries.filter((e: { actorType: string }) => e.actorType === "moderator")).toHaveLength(1);
  });

  it("answers 409 to a decision already taken", async () => {
    const site = await premoderatedSite();
    const moderator = await login(site, { role: "moderator" });
    const id = await held(site, await login(site), "x");
    await act(id, "approve", moderator.auth);
    const again = await act(id, "approve", moderator.auth);
    expect(refusal(again)).toEqual([409, "state_changed"]);
    expect(refusal(await act(id, "restore", moderator.auth))).toEqual([409, "state_changed"]);
  });

  it("applies bulk actions id by id", async () => {
    const site = await premoderatedSite();
    const reader = await login(site);
    const moderator = await login(site, { role: "moderator" });
    const ids = [await held(site, reader, "a"), await held(site, reader, "b"), await held(site, reader, "c")];
    const res = await api("/api/v1/moderation/bulk", { method: "POST", headers: moderator.auth, json: { action: "approve", ids: [...ids, "NOPE"] } });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { ok: boolean }) => r.ok)).toEqual([true, true, true, false]);
    expect(res.body.results[3].error.code).toBe("comment_not_found");
    expect((await list(site, "art")).body.article.commentCount).toBe(3);
    const unknownAction = await api("/api/v1/moderation/bulk", { method: "POST", headers: moderator.auth, json: { action: "nuke", ids } });
    expect(refusal(unknownAction)).toEqual([400, "invalid_request"]);
    expect(detailPaths(unknownAction)).toEqual(["action"]);
  });
});

describe("the reported queue", () => {
  it("takes a comment at the report threshold and hides it at the auto-hide threshold until a moderator decides", async () => {
    const site = await createSite();
    await setSettings(site, { reportThreshold: 1, autoHideThreshold: 2 });
    const author = await login(site);
    const moderator = await login(site, { role: "moderator" });
    const c = await comment(site, author, "art", "신고당할 댓글");
    await report(c.id, await login(site), "spam");
    let rq = await queue(site, moderator.auth, "reported");
    expect(rq.body.counts.reported).toBe(1);
    expect(rq.body.items[0].reports).toEqual([expect.objectContaining({ reason: "spam" })]);
    expect((await list(site, "art")).body.article.commentCount).toBe(1);
    await report(c.id, await login(site), "abuse");
    expect((await list(site, "art")).body).toMatchObject({ comments: [], article: { commentCount: 0 } });
    rq = await queue(site, moderator.auth, "reported");
    expect(rq.body.counts).toMatchObject({ reported: 1, pending: 0 });
    expect(rq.body.items[0].comment).toMatchObject({ status: "pending", reported: true, reportCount: 2 });
    await act(c.id, "approve", moderator.auth);
    expect((await list(site, "art")).body.article.commentCount).toBe(1);
    expect((await queue(site, moderator.auth, "reported")).body.counts).toMatchObject({ reported: 0, approved: 1 });
    const log = (await api(`/api/v1/sites/${site.id}/moderation/log?commentId=${c.id}`, { headers: ADMIN })).body.entries;
    expect(log.map((e: { action: string }) => e.action)).toEqual(["approve", "auto_hide", "auto_report", "auto_publish"]);
    expect(log[1]).toMatchObject({ actorType: "system", statusBefore: "published", statusAfter: "pending", reason: "2 report(s)" });
  });
});

describe("who may moderate", () => {
  it("gives a moderator of one site no power on another", async () => {
    const [a, b] = [await createSite(), await createSite()];
    await setSettings(b, { premoderation: "all" });
    const moderatorA = await login(a, { role: "moderator" });
    const id = await held(b, await login(b), "site b");
    expect(refusal(await queue(b, moderatorA.auth))).toEqual([403, "forbidden"]);
    expect(refusal(await act(id, "approve", moderatorA.auth))).toEqual([403, "forbidden"]);
    expect(refusal(await api(`/api/v1/sites/${b.id}/moderation/log`, { headers: moderatorA.auth }))).toEqual([403, "forbidden"]);
    const bulk = await api("/api/v1/moderation/bulk", { method: "POST", headers: moderatorA.auth, json: { action: "approve", ids: [id] } });
    expect(bulk.body.results[0]).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });

  it("refuses readers and anonymous callers, and lets the admin token act on every site", async () => {
    const site = await premoderatedSite();
    const reader = await login(site);
    const id = await held(site, reader, "x");
    expect(refusal(await queue(site, reader.auth))).toEqual([403, "forbidden"]);
    expect(refusal(await act(id, "approve", reader.auth))).toEqual([403, "forbidden"]);
    expect(refusal(await api(`/api/v1/sites/${site.id}/moderation/queue`))).toEqual([401, "unauthenticated"]);
    expect((await queue(site, ADMIN)).status).toBe(200);
    expect((await act(id, "approve", ADMIN)).body.comment).toMatchObject({ status: "published", reviewedBy: "admin" });
  });
});

describe("the audit log", () => {
  it("records a moderator's deletion of someone else's comment, and nothing for an author's own", async () => {
    const site = await createSite();
    const [author, moderator] = [await login(site), await login(site, { role: "moderator" })];
    const theirs = await comment(site, author, "art", "to be removed");
    const own = await comment(site, author, "art", "my own to delete");
    expect((await api(`/api/v1/comments/${theirs.id}`, { method: "DELETE", headers: moderator.auth })).status).toBe(204);
    await api(`/api/v1/comments/${own.id}`, { method: "DELETE", headers: author.auth });
    const entries = (await api(`/api/v1/sites/${site.id}/moderation/log`, { headers: ADMIN })).body.entries;
    const deletions = entries.filter((e: { action: string }) => e.action === "delete");
    expect(deletions).toEqual([expect.objectContaining({ commentId: theirs.id, actorType: "moderator", actorId: moderator.userId, statusAfter: "deleted" })]);
  });

  it("records automatic decisions and moderator actions, per comment, per user and per site", async () => {
    const site = await premoderatedSite();
    const reader = await login(site);
    const moderator = await login(site, { role: "moderator" });
    const id = await held(site, reader, "audit me");
    await act(id, "reject", moderator.auth, { reason: "off-topic" });
    await act(id, "restore", moderator.auth);
    const byComment = (await api(`/api/v1/sites/${site.id}/moderation/log?commentId=${id}`, { headers: moderator.auth })).body.entries;
    expect(byComment.map((e: { action: string }) => e.action)).toEqual(["restore", "reject", "auto_hold"]);
    expect(byComment[1]).toMatchObject({
      actorType: "moderator",
      actorId: moderator.userId,
      statusBefore: "pending",
      statusAfter: "rejected",
      reason: "off-topic",
      userId: reader.userId,
    });
    expect(byComment[2]).toMatchObject({ actorType: "system", statusAfter: "pending", reason: "premoderation" });
    const byUser = (await api(`/api/v1/sites/${site.id}/moderation/log?userId=${reader.userId}`, { headers: moderator.auth })).body.entries;
    expect(byUser).toHaveLength(3);
    const page = await api(`/api/v1/sites/${site.id}/moderation/log?limit=2`, { headers: moderator.auth });
    expect(page.body.entries).toHaveLength(2);
    const rest = await api(`/api/v1/sites/${site.id}/moderation/log?limit=2&cursor=${encodeURIComponent(page.body.nextCursor)}`, { headers: moderator.auth });
    expect(rest.body.entries).toHaveLength(1);
  });
});

describe("cost of the queue", () => {
  it("reads O(page) rows, however many comments the site has", async () => {
    const site = await premoderatedSite();
    const [busy, reader] = [await login(site), await login(site)];
    const { env } = await import("cloudflare:workers");
    const now = Date.now();
    await env.DB.batch(
      Array.from({ length: 400 }, (_, i) =>
        env.DB.prepare(
          "insert into comments (id, site_id, article_id, author_id, body, status, created_at, reviewed_at) values (?, ?, 'big', ?, ?, 'published', ?, ?)",
        ).bind(`SEEDQ${String(i).padStart(21, "0")}`, site.id, busy.userId, `seeded ${i}`, now - 10_000 + i, i % 2 ? now : null),
      ),
    );
    await held(site, reader, "held one");
    await held(site, reader, "held two");
    for (const q of ["pending", "rejected", "reported"]) {
      const res = await queue(site, ADMIN, q, "&limit=20");
      expect(res.status).toBe(200);
      expect(res.rowsRead, q).toBeLessThan(60);
    }
    expect((await queue(site, ADMIN, "pending")).body.items).toHaveLength(2);
  });
});
