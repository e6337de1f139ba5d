import { describe, expect, it } from "vitest";
import { ADMIN, api, comment, createSite, list, login, viaEdge } from "../helpers";

const calls = (res: { headers: Headers }) => Number(res.headers.get("X-D1-Calls"));

/** An article with threads, and a warm isolate (the site's configuration already cached). */
async function threadedArticle() {
  const site = await createSite();
  const writer = await login(site);
  for (let i = 0; i < 5; i++) {
    const c = await comment(site, writer, "rt", `round trip ${i} 댓글입니다`);
    for (let j = 0; j < 5; j++) await comment(site, await login(site), "rt", `reply ${i}.${j} 답글입니다`, { parentId: c.id });
  }
  await list(site, "rt");
  return { site, writer };
}

describe("D1 round trips of the read path (X-D1-Calls, warm isolate)", () => {
  it("serves an anonymous page — comments, authors, reply previews, article — in one round trip", async () => {
    const { site } = await threadedArticle();
    for (const sort of ["newest", "oldest", "popular", "net", "ratio", "replies"]) {
      const res = await list(site, "rt", `?sort=${sort}&limit=3`);
      expect(res.status).toBe(200);
      expect(calls(res)).toBe(1);
      expect(res.body.comments).toHaveLength(3);
      expect(res.body.comments[0].replies).toHaveLength(3);
      expect(res.body.comments[0].repliesCursor).not.toBeNull();
      const next = await list(site, "rt", `?sort=${sort}&limit=3&cursor=${encodeURIComponent(res.body.nextCursor)}`);
      expect(calls(next)).toBe(1);
      expect(next.body.comments).toHaveLength(2);
    }
  });

  it("answers counts in one round trip", async () => {
    const { site } = await threadedArticle();
    const res = await api(`/api/v1/sites/${site.id}/counts?articles=rt`);
    expect(res.body.counts).toEqual({ rt: 30 });
    expect(calls(res)).toBe(1);
  });

  it("serves an anonymous page of replies in one round trip", async () => {
    const { site } = await threadedArticle();
    const parent = (await list(site, "rt", "?limit=1")).body.comments[0];
    const replies = await list(site, "rt", `?parent=${parent.id}&limit=2`);
    expect(replies.body.comments).toHaveLength(2);
    expect(calls(replies)).toBe(1);
    const rest = await list(site, "rt", `?parent=${parent.id}&limit=2&cursor=${encodeURIComponent(replies.body.nextCursor)}`);
    expect(calls(rest)).toBe(1);
  });

  it("serves a signed-in page in two round trips: the public page, then the session with the viewer's overlay", async () => {
    const { site, writer } = await threadedArticle();
    for (const query of ["", "?sort=popular&limit=3"]) {
      const res = await list(site, "rt", query, writer);
      expect(res.body.comments.some((c: { mine: boolean }) => c.mine)).toBe(true);
      expect(calls(res)).toBe(2);
    }
    const parent = (await list(site, "rt", "?limit=1")).body.comments[0];
    expect(calls(await list(site, "rt", `?parent=${parent.id}`, writer))).toBe(2);
  });

  it("reads as many rows for a signed-in page of a long thread as of a short one (the overlay seeks the author's index)", async () => {
    const site = await createSite();
    const [viewer, other] = [await login(site), await login(site)];
    const rowsRead = [];
    for (const size of [10, 80]) {
      for (let i = 0; i < size; i++) await comment(site, other, `long-${size}`, `다른 독자의 댓글 ${i} 입니다`);
      const mine = await comment(site, viewer, `long-${size}`, `내 댓글 ${size} 입니다`);
      await comment(site, viewer, `long-${size}`, `내 답글 ${size} 입니다`, { parentId: mine.id });
      const page = await list(site, `long-${size}`, "?limit=10", viewer);
      expect(page.body.comments[0]).toMatchObject({ id: mine.id, mine: true });
      expect(page.body.comments[0].replies).toHaveLength(1);
      rowsRead.push(Number(page.headers.get("X-D1-Rows-Read")));
    }
    expect(rowsRead[1]).toBe(rowsRead[0]);
  });

  it("serves a signed-in page in one round trip when the edge holds the public page", async () => {
    const { site, writer } = await threadedArticle();
    const path = `/api/v1/sites/${site.id}/articles/rt/comments`;
    await viaEdge(path);
    const res = await viaEdge(path, writer.auth);
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    expect(calls(res)).toBe(1);
  });
});

describe("D1 round trips of writes (X-D1-Calls, warm isolate): the session, one read batch, one write batch", () => {
  const SESSION_AND_TWO = 3;

  it("posts a comment, a reply and a retried post (Idempotency-Key) in two calls after the session", async () => {
    const site = await createSite();
    const [author, replier] = [await login(site), await login(site)];
    const first = await comment(site, author, "w", "첫 댓글입니다 측정용");
    const path = `/api/v1/sites/${site.id}/articles/w/comments`;
    const post = await api(path, { method: "POST", headers: { ...replier.auth, "Idempotency-Key": "k1" }, json: { body: "측정용 두번째 댓글입니다" } });
    const retried = await api(path, { method: "POST", headers: { ...replier.auth, "Idempotency-Key": "k1" }, json: { body: "측정용 두번째 댓글입니다" } });
    const reply = await api(path, { method: "POST", headers: replier.auth, json: { body: "측정용 답글입니다", parentId: first.id } });
    expect([post.status, retried.status, reply.status]).toEqual([201, 201, 201]);
    expect(retried.body.comment.id).toBe(post.body.comment.id);
    expect([calls(post), calls(retried), calls(reply)]).toEqual([SESSION_AND_TWO, SESSION_AND_TWO - 1, SESSION_AND_TWO]);
  });

  it("reacts, reports (crossing the report threshold), edits and deletes in two calls after the session", async () => {
    const site = await createSite({ settings: { reportThreshold: 1 } });
    const [author, reader] = [await login(site), await login(site)];
    const target = await comment(site, author, "w", "신고될 측정용 댓글입니다");
    const own = await comment(site, reader, "w", "고칠 측정용 댓글입니다");
    const react = await api(`/api/v1/comments/${target.id}/reaction`, { method: "PUT", headers: reader.auth, json: { value: "like" } });
    const report = await api(`/api/v1/comments/${target.id}/reports`, { method: "POST", headers: reader.auth, json: { reason: "spam" } });
    const edit = await api(`/api/v1/comments/${own.id}`, { method: "PATCH", headers: reader.auth, json: { body: "고친 측정용 댓글입니다" } });
    const remove = await api(`/api/v1/comments/${own.id}`, { method: "DELETE", headers: reader.auth });
    expect([react.status, report.status, edit.status, remove.status]).toEqual([200, 201, 200, 204]);
    const queue = await api(`/api/v1/sites/${site.id}/moderation/queue?queue=reported`, { headers: ADMIN });
    expect(JSON.stringify(queue.body)).toContain(target.id);
    expect([calls(react), calls(report), calls(edit), calls(remove)]).toEqual([SESSION_AND_TWO, SESSION_AND_TWO, SESSION_AND_TWO, SESSION_AND_TWO]);
  });
});
