import { describe, expect, it } from "vitest";
import { ADMIN, api, comment, createSite, list, login, refusal, type Reader } from "../helpers";

const fold = (id: string, reader: Reader | { auth: Record<string, string> }, method: "PUT" | "DELETE" = "PUT") =>
  api(`/api/v1/comments/${id}/fold`, { method, headers: reader.auth });

type Listed = { id: string; folded: boolean; replies: Listed[] };
const foldedOf = async (site: { id: string }, reader?: Reader) => {
  const page = (await list<{ comments: Listed[] }>(site, "fold", "", reader)).body.comments;
  return Object.fromEntries(page.flatMap((c) => [c, ...c.replies]).map((c) => [c.id, c.folded]));
};

describe("PUT|DELETE /api/v1/comments/:id/fold (댓글 접기)", () => {
  it("folds a comment for the reader only, idempotently, and takes the fold back", async () => {
    const site = await createSite({ settings: { foldThreshold: 3 } });
    const [author, reader, other] = [await login(site), await login(site), await login(site)];
    const c = await comment(site, author, "fold", "접어 볼 댓글입니다");
    expect((await fold(c.id, reader)).body).toEqual({ folded: true });
    expect((await fold(c.id, reader)).body).toEqual({ folded: true });
    expect((await foldedOf(site, reader))[c.id]).toBe(true);
    expect((await foldedOf(site, other))[c.id]).toBe(false);
    expect((await foldedOf(site))[c.id]).toBe(false);
    expect((await fold(c.id, reader, "DELETE")).body).toEqual({ folded: false });
    expect((await fold(c.id, reader, "DELETE")).status).toBe(200);
    expect((await foldedOf(site, reader))[c.id]).toBe(false);
  });

  it("shows a comment folded to everyone from the site's foldThreshold, without any moderation queue", async () => {
    const site = await createSite({ settings: { foldThreshold: 3 } });
    const author = await login(site);
    const readers = await Promise.all(Array.from({ length: 4 }, () => login(site)));
    const parent = await comment(site, author, "fold", "부모 댓글입니다");
    const reply = await comment(site, author, "fold", "여럿이 접을 답글입니다", { parentId: parent.id });
    // Readers folding at once, one of them twice: the count stays exact.
    await Promise.all([...readers.slice(0, 2), readers[0]!].map((r) => fold(reply.id, r)));
    expect((await foldedOf(site))[reply.id]).toBe(false);
    await fold(reply.id, readers[2]!);
    expect(await foldedOf(site)).toMatchObject({ [reply.id]: true, [parent.id]: false });
    expect((await foldedOf(site, readers[3]))[reply.id]).toBe(true);
    for (const queue of ["pending", "reported", "rejected"]) {
      const res = await api(`/api/v1/sites/${site.id}/moderation/queue?queue=${queue}`, { headers: ADMIN });
      expect(JSON.stringify(res.body.items)).not.toContain(reply.id);
    }
    await fold(reply.id, readers[1]!, "DELETE");
    expect((await foldedOf(site))[reply.id]).toBe(false);
  });

  it("needs a session of the comment's site, and a published comment", async () => {
    const site = await createSite();
    const author = await login(site);
    const c = await comment(site, author, "fold", "세션 없이 접을 수 없습니다");
    expect(refusal(await fold(c.id, { auth: {} }))).toEqual([401, "unauthenticated"]);
    expect(refusal(await fold(c.id, { auth: { Authorization: "Bearer nope" } }))).toEqual([401, "invalid_session"]);
    const stranger = await login(await createSite());
    expect(refusal(await fold(c.id, stranger))).toEqual([403, "wrong_site"]);
    expect(refusal(await fold("missing", author))).toEqual([404, "comment_not_found"]);
  });

  it("forgets a deleted account's folds", async () => {
    const site = await createSite({ settings: { foldThreshold: 1 } });
    const [author, reader] = [await login(site), await login(site)];
    const c = await comment(site, author, "fold", "계정 삭제로 펼쳐질 댓글입니다");
    await fold(c.id, reader);
    expect((await foldedOf(site))[c.id]).toBe(true);
    expect((await api("/api/v1/me", { method: "DELETE", headers: reader.auth })).status).toBe(204);
    expect((await foldedOf(site))[c.id]).toBe(false);
  });

  it("reads the viewer's folds in the overlay: a signed-in page stays at two D1 round trips", async () => {
    const site = await createSite();
    const [author, reader] = [await login(site), await login(site)];
    const c = await comment(site, author, "fold", "두 번의 왕복 댓글입니다");
    await fold(c.id, reader);
    await list(site, "fold");
    const page = await list(site, "fold", "", reader);
    expect(page.body.comments[0]).toMatchObject({ id: c.id, folded: true });
    expect(Number(page.headers.get("X-D1-Calls"))).toBe(2);
  });
});
