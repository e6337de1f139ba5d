import { describe, expect, it } from "vitest";
import { ADMIN, api, comment, createSite, list, login, refusal, type Reader, viaEdge } from "../helpers";

type Kind = "pin" | "feature";
const mark = (id: string, kind: Kind, headers: Record<string, string>, method: "POST" | "DELETE" = "POST") =>
  api(`/api/v1/moderation/comments/${id}/${kind}`, { method, headers });
const auditOf = (site: { id: string }, commentId: string) => api(`/api/v1/sites/${site.id}/moderation/log?commentId=${commentId}`, { headers: ADMIN });

async function siteWithComments(count: number) {
  const site = await createSite();
  const moderator = await login(site, { role: "moderator", name: "편집자" });
  const author = await login(site);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await comment(site, author, "hot", `고정 시험 댓글 ${i} 입니다`)).id);
  return { site, moderator, author, ids };
}

describe("POST|DELETE /api/v1/moderation/comments/:id/pin", () => {
  it("pins a comment first on every sort's first page (pinned: [...]), marks it, and audits pin and unpin", async () => {
    const { site, moderator, ids } = await siteWithComments(4);
    const oldest = ids[0]!;
    const res = await mark(oldest, "pin", moderator.auth);
    expect(res.status).toBe(200);
    expect(res.body.comment).toMatchObject({ id: oldest, pinned: true, featured: false });
    for (const sort of ["newest", "oldest", "popular", "net", "ratio", "replies"]) {
      const page = await list(site, "hot", `?sort=${sort}&limit=2`);
      expect(page.body.pinned.map((c: { id: string }) => c.id)).toEqual([oldest]);
      expect(page.body.pinned[0]).toMatchObject({ pinned: true, replies: [] });
      const next = await list(site, "hot", `?sort=${sort}&limit=2&cursor=${encodeURIComponent(page.body.nextCursor)}`);
      expect(next.body.pinned).toEqual([]);
    }
    const newest = (await list(site, "hot")).body;
    expect(newest.comments.find((c: { id: string }) => c.id === oldest)).toMatchObject({ pinned: true });

    expect((await mark(oldest, "pin", moderator.auth, "DELETE")).body.comment.pinned).toBe(false);
    expect((await list(site, "hot")).body.pinned).toEqual([]);
    const actions = (await auditOf(site, oldest)).body.entries.map((e: { action: string; actorId: string }) => [e.action, e.actorId]);
    expect(actions).toEqual([
      ["unpin", moderator.userId],
      ["pin", moderator.userId],
      ["auto_publish", null],
    ]);
  });

  it("is idempotent: pinning a pinned comment (or unpinning one that is not) changes nothing and writes no audit entry", async () => {
    const { site, moderator, ids } = await siteWithComments(1);
    await mark(ids[0]!, "pin", moderator.auth);
    expect((await mark(ids[0]!, "pin", moderator.auth)).status).toBe(200);
    await mark(ids[0]!, "pin", moderator.auth, "DELETE");
    expect((await mark(ids[0]!, "pin", moderator.auth, "DELETE")).status).toBe(200);
    const actions = (await auditOf(site, ids[0]!)).body.entries.map((e: { action: string }) => e.action);
    expect(actions).toEqual(["unpin", "pin", "auto_publish"]);
  });

  it("holds at most 3 pins per article: a fourth answers 409 too_many_pins naming them, also when moderators race", async () => {
    const { site, moderator, ids } = await siteWithComments(5);
    for (const id of ids.slice(0, 3)) expect((await mark(id, "pin", moderator.auth)).status).toBe(200);
    const fourth = await mark(ids[3]!, "pin", moderator.auth);
    expect(refusal(fourth)).toEqual([409, "too_many_pins"]);
    expect((fourth.body.error.details as { pinned: string[] }).pinned.sort()).toEqual(ids.slice(0, 3).sort());
    expect((await list(site, "hot")).body.pinned.map((c: { id: string }) => c.id)).toEqual(ids.slice(0, 3));

    await mark(ids[0]!, "pin", moderator.auth, "DELETE");
    const raced = await Promise.all([mark(ids[3]!, "pin", moderator.auth), mark(ids[4]!, "pin", ADMIN)]);
    expect(raced.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await list(site, "hot")).body.pinned).toHaveLength(3);
  });

  it("pins only published top-level comments (422 not_pinnable)", async () => {
    const { site, moderator, author, ids } = await siteWithComments(1);
    const reply = await comment(site, author, "hot", "답글은 고정할 수 없습니다", { parentId: ids[0] });
    expect(refusal(await mark(reply.id, "pin", moderator.auth))).toEqual([422, "not_pinnable"]);
    expect(refusal(await mark(reply.id, "feature", moderator.auth))).toEqual([422, "not_pinnable"]);
    await api(`/api/v1/moderation/comments/${ids[0]}/reject`, { method: "POST", headers: moderator.auth, json: {} });
    expect(refusal(await mark(ids[0]!, "pin", moderator.auth))).toEqual([422, "not_pinnable"]);
  });

  it("refuses readers, strangers and moderators of another site; 404 for an unknown comment", async () => {
    const { moderator, author, ids } = await siteWithComments(1);
    const other = await createSite();
    const otherModerator = await login(other, { role: "moderator" });
    const reader: Reader = await login(await createSite());
    expect(refusal(await mark(ids[0]!, "pin", author.auth))).toEqual([403, "forbidden"]);
    expect(refusal(await mark(ids[0]!, "pin", otherModerator.auth))).toEqual([403, "forbidden"]);
    expect(refusal(await mark(ids[0]!, "feature", otherModerator.auth))).toEqual([403, "forbidden"]);
    expect(refusal(await mark(ids[0]!, "pin", reader.auth))).toEqual([403, "forbidden"]);
    expect(refusal(await mark(ids[0]!, "pin", {}))).toEqual([401, "unauthenticated"]);
    expect(refusal(await mark("nope", "pin", moderator.auth))).toEqual([404, "comment_not_found"]);
  });

  it("shows a pin to anonymous readers within the edge cache's freshness", async () => {
    const { site, moderator, ids } = await siteWithComments(2);
    const path = `/api/v1/sites/${site.id}/articles/hot/comments`;
    expect((await viaEdge(path)).body.pinned).toEqual([]);
    await mark(ids[1]!, "pin", moderator.auth);
    // A reader's own reload asks past the cache, as the widget does after a change.
    const fresh = await viaEdge(path, { "Cache-Control": "no-cache" });
    expect(fresh.body.pinned.map((c: { id: string }) => c.id)).toEqual([ids[1]]);
    expect((await viaEdge(path)).body.pinned.map((c: { id: string }) => c.id)).toEqual([ids[1]]);
  });

  it("keeps the anonymous first page with pins at one D1 round trip, and the signed-in one at two", async () => {
    const { site, moderator, author, ids } = await siteWithComments(3);
    await mark(ids[0]!, "pin", moderator.auth);
    await list(site, "hot");
    const anonymous = await list(site, "hot", "?limit=2");
    expect(Number(anonymous.headers.get("X-D1-Calls"))).toBe(1);
    const signedIn = await list(site, "hot", "?limit=2", author);
    expect(Number(signedIn.headers.get("X-D1-Calls"))).toBe(2);
    expect(signedIn.body.pinned[0]).toMatchObject({ id: ids[0], mine: true });
  });
});

describe("POST|DELETE /api/v1/moderation/comments/:id/feature and sort=featured (추천)", () => {
  it("lists featured comments only, most recently featured first, paged; audited", async () => {
    const { site, moderator, ids } = await siteWithComments(4);
    for (const id of [ids[2]!, ids[0]!, ids[3]!]) {
      const res = await mark(id, "feature", moderator.auth);
      expect(res.body.comment).toMatchObject({ id, featured: true });
    }
    const page = await list(site, "hot", "?sort=featured&limit=2");
    expect(page.body.comments.map((c: { id: string; featured: boolean }) => [c.id, c.featured])).toEqual([
      [ids[3], true],
      [ids[0], true],
    ]);
    const rest = await list(site, "hot", `?sort=featured&limit=2&cursor=${encodeURIComponent(page.body.nextCursor)}`);
    expect(rest.body.comments.map((c: { id: string }) => c.id)).toEqual([ids[2]]);
    expect(rest.body.nextCursor).toBeNull();

    await mark(ids[0]!, "feature", moderator.auth, "DELETE");
    expect((await list(site, "hot", "?sort=featured")).body.comments.map((c: { id: string }) => c.id)).toEqual([ids[3], ids[2]]);
    expect((await list(site, "hot", "?sort=featured", moderator)).body.comments.map((c: { id: string }) => c.id)).toEqual([ids[3], ids[2]]);
    const actions = (await auditOf(site, ids[0]!)).body.entries.map((e: { action: string }) => e.action);
    expect(actions).toEqual(["unfeature", "feature", "auto_publish"]);
  });
});
