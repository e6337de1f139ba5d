import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { runImport } from "../../src/imports/runImport";
import { commentRecord, EXPORTED_AT } from "../archive/exportRecords";
import { ADMIN, api, comment, createSite, list, login } from "../helpers";
import broken from "./fixtures/disqus-broken.xml?raw";
import messy from "./fixtures/disqus-messy.xml?raw";
import { counterDrift, importFile, siteRows } from "./importHelpers";

const noQueue = { send: async () => {} } as unknown as Queue<{ importId: string }>;
const takeBack = (siteId: string, id: string) => api(`/api/v1/admin/sites/${siteId}/imports/${id}`, { method: "DELETE", headers: ADMIN });
const importOf = async (siteId: string, id: string) => (await api(`/api/v1/admin/sites/${siteId}/imports/${id}`, { headers: ADMIN })).body.import;
const count = async (sql: string, ...binds: unknown[]) =>
  (
    await env.DB.prepare(sql)
      .bind(...binds)
      .first<{ n: number }>()
  )?.n;

/** The site's first imported top-level comment on article-1 (the messy file's "First & best"). */
async function importedComment(site: { id: string }) {
  const page = await list(site, "article-1", "?sort=oldest");
  return page.body.comments.find((c: { body: string }) => c.body.startsWith("First & best"));
}

/** A site with a reader's own comment on article-1 (`before`: its rows then), and the messy Disqus file imported into it. */
async function importedBesideOwnComment() {
  const site = await createSite();
  const reader = await login(site, { sub: "reader" });
  await comment(site, reader, "article-1", "가져오기 전부터 있던 댓글");
  const before = await siteRows(site.id);
  return { site, reader, before, done: await importFile(site.id, "disqus", messy) };
}

describe("DELETE /api/v1/admin/sites/:site/imports/:id (take a finished import back)", () => {
  it("deletes what the import wrote, with readers' reactions and reports of its comments; the site's own comments and counters stay exact", async () => {
    const { site, reader, before, done } = await importedBesideOwnComment();
    expect(done.status).toBe("done");
    const imported = await importedComment(site);
    expect((await api(`/api/v1/comments/${imported.id}/reaction`, { method: "PUT", headers: reader.auth, json: { value: "like" } })).status).toBe(200);
    expect((await api(`/api/v1/comments/${imported.id}/reports`, { method: "POST", headers: reader.auth, json: { reason: "spam" } })).status).toBe(201);

    const res = await takeBack(site.id, done.id);
    expect(res.status, res.text).toBe(202);
    expect(res.body.import.status).toBe("rolling_back");
    expect(await runImport({ ...env, IMPORTS: noQueue }, { importId: done.id })).toBe("rolled_back");
    expect(await importOf(site.id, done.id)).toMatchObject({ status: "rolled_back" });

    expect(await siteRows(site.id)).toEqual(before);
    expect(await counterDrift(site.id)).toEqual([]);
    const page = await list(site, "article-1");
    expect(page.body.comments.map((c: { body: string }) => c.body)).toEqual(["가져오기 전부터 있던 댓글"]);
    expect(page.body.article.commentCount).toBe(1);
    for (const table of ["reactions", "reports", "folds", "notifications"])
      expect(await count(`select count(*) as n from ${table} where comment_id not in (select id from comments)`), table).toBe(0);
    // A job delivered again finds nothing more to take back.
    expect(await runImport({ ...env, IMPORTS: noQueue }, { importId: done.id })).toBe("rolled_back");
    expect(await siteRows(site.id)).toEqual(before);
    const again = await takeBack(site.id, done.id);
    expect([again.status, again.body.error.code]).toEqual([409, "state_changed"]);
  });

  it("takes a large import back over several runs, every counter exact after each; a failed one too", async () => {
    const { site, reader, before, done } = await importedBesideOwnComment();
    // A reader's comment on an article the import made keeps that article (recounted, not deleted).
    await comment(site, reader, "/politics/42", "가져온 기사에 쓴 댓글");
    expect((await takeBack(site.id, done.id)).status).toBe(202);
    const small = { chunkRecords: 100, chunksPerRun: 3, rollback: { rows: 2, stepsPerRun: 1 } };
    let runs = 0;
    for (let outcome = "continue"; outcome === "continue"; runs++) {
      outcome = await runImport({ ...env, IMPORTS: noQueue }, { importId: done.id }, small);
      expect(await counterDrift(site.id)).toEqual([]);
    }
    expect(runs).toBeGreaterThan(2);
    expect(await importOf(site.id, done.id)).toMatchObject({ status: "rolled_back" });
    expect(await siteRows(site.id)).toEqual({ ...before, comments: before.comments + 1, articles: before.articles + 1 });
    expect((await list(site, "/politics/42")).body.comments.map((c: { body: string }) => c.body)).toEqual(["가져온 기사에 쓴 댓글"]);

    // A file that fails after a few chunks were written is taken back over several runs as well.
    const failed = await importFile(site.id, "disqus", broken, { limits: { chunkRecords: 1, chunksPerRun: 100, rollback: { rows: 1, stepsPerRun: 1 } } });
    expect(failed).toMatchObject({ status: "failed" });
    expect(failed.runs).toBeGreaterThan(2);
    expect(await counterDrift(site.id)).toEqual([]);
    expect(await siteRows(site.id)).toEqual({ ...before, comments: before.comments + 1, articles: before.articles + 1 });
  });

  it("refuses once readers built on it: a reply to one of its comments, or a login to one of its authors' accounts", async () => {
    const site = await createSite();
    const done = await importFile(site.id, "disqus", messy);
    const imported = await importedComment(site);
    const reader = await login(site, { sub: "reader" });
    const reply = await comment(site, reader, "article-1", "가져온 댓글에 단 답글", { parentId: imported.id });
    const rows = await siteRows(site.id);
    const refused = await takeBack(site.id, done.id);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: "import_in_use", details: { replies: 1, loggedInAuthors: 0 } });
    expect(await importOf(site.id, done.id)).toMatchObject({ status: "done" });
    expect(await siteRows(site.id)).toEqual(rows);

    // A linked author is a reader's account now (no longer the import's): it stays, without the comments the import brought.
    expect((await api(`/api/v1/comments/${reply.id}`, { method: "DELETE", headers: reader.auth })).status).toBe(204);
    const linked = await api(`/api/v1/admin/sites/${site.id}/imported-authors/${imported.author.id}/link`, {
      method: "POST",
      headers: ADMIN,
      json: { sub: "kim" },
    });
    expect(linked.status).toBe(200);
    const kim = await login(site, { sub: "kim" });
    expect((await takeBack(site.id, done.id)).status).toBe(202);
    expect(await runImport({ ...env, IMPORTS: noQueue }, { importId: done.id })).toBe("rolled_back");
    expect(kim.userId).toBe(imported.author.id);
    expect((await api("/api/v1/me", { headers: kim.auth })).status).toBe(200);
    expect(await count("select count(*) as n from comments where author_id = ?", kim.userId)).toBe(0);
  });

  it("refuses a restore whose readers have logged in to their restored accounts", async () => {
    const site = await createSite();
    const at = EXPORTED_AT;
    const records = [
      { type: "marginalia-export", version: 1, siteId: "old", exportedAt: at },
      { type: "article", id: "a1", url: null, title: null, open: true, premoderation: null, commentCount: 1, createdAt: at },
      {
        type: "author",
        id: "u1",
        displayName: "독자",
        avatarUrl: null,
        role: "commenter",
        counts: { published: 1, pending: 0, rejected: 0 },
        createdAt: at,
        updatedAt: at,
      },
      { type: "identity", authorId: "u1", provider: "sso", subject: "reader-1", createdAt: at },
      commentRecord("c1", "복원된 댓글"),
      { type: "marginalia-export-end", counts: { article: 1, author: 1, identity: 1, comment: 1 } },
    ];
    const done = await importFile(site.id, "marginalia", records.map((r) => JSON.stringify(r)).join("\n"));
    expect(done).toMatchObject({ status: "done", counts: { comments: 1, authors: 1 } });
    await login(site, { sub: "reader-1" });
    const refused = await takeBack(site.id, done.id);
    expect(refused.body.error).toMatchObject({ code: "import_in_use", details: { replies: 0, loggedInAuthors: 1 } });
  });

  it("takes back only a finished import of the site: 409 for a failed one, 404 for another site's or an unknown id, 401 without the admin token", async () => {
    const site = await createSite();
    const failed = await importFile(site.id, "disqus", broken);
    expect(failed.status).toBe("failed");
    const refused = await takeBack(site.id, failed.id);
    expect([refused.status, refused.body.error.code]).toEqual([409, "state_changed"]);
    const done = await importFile(site.id, "disqus", messy);
    const other = await createSite();
    expect((await takeBack(other.id, done.id)).status).toBe(404);
    expect((await takeBack(site.id, "no-such-import")).status).toBe(404);
    expect((await api(`/api/v1/admin/sites/${site.id}/imports/${done.id}`, { method: "DELETE" })).status).toBe(401);
    expect(await importOf(site.id, done.id)).toMatchObject({ status: "done" });
  });
});
