import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ADMIN, api, comment, createSite, list, login } from "../helpers";
import messy from "./fixtures/disqus-messy.xml?raw";
import broken from "./fixtures/disqus-broken.xml?raw";
import deep from "./fixtures/disqus-deep.xml?raw";
import wxr from "./fixtures/wxr-messy.xml?raw";
import { runImport } from "../../src/imports/runImport";
import { importFile, runToEnd, siteRows, upload } from "./importHelpers";

const row = <T>(sql: string, ...params: unknown[]) =>
  env.DB.prepare(sql)
    .bind(...params)
    .first<T>();

describe("Disqus import", () => {
  it("imports the messy export: threads to articles, replies to their top-level ancestor, spam rejected, deleted as placeholders", async () => {
    const site = await createSite();
    const done = await importFile(site.id, "disqus", messy);
    expect(done.status).toBe("done");
    expect(done.counts).toEqual({ articles: 2, comments: 6, authors: 5, skipped: 5, rejected: 1 });
    const messages = done.errors.map((e: { message: string }) => e.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining("Thread disqus:t9 is not in the file"),
        "Invalid date 'yesterday'",
        "<post> without <thread dsq:id>",
        "Comment without text",
      ]),
    );
    expect(done.errors.find((e: { sourceId?: string }) => e.sourceId === "disqus:p10")?.line).toBe(84);

    const page = await list(site, "article-1", "?sort=oldest");
    expect(page.status).toBe(200);
    const [first, placeholder] = page.body.comments;
    expect(first.body).toBe("First & best\n\nSecond\nline https://example.org/x");
    expect(first.createdAt).toBe("2020-01-01T10:00:00.000Z");
    expect(first.author.name).toBe("Kim");
    expect(first.replyCount).toBe(2);
    expect(first.replies.map((r: { body: string }) => r.body)).toEqual(["A reply", "@Guest Deep reply"]);
    expect(placeholder.deleted).toBe(true);
    expect(placeholder.replyCount).toBe(1);
    expect(page.body.comments).toHaveLength(2); // p7 (deleted, unanswered) skipped

    // The URL's path names the thread whose <id> is empty; the thread that is gone made nothing.
    expect(await row("select comment_count from articles where site_id = ? and id = ?", site.id, "/politics/42")).toEqual({ comment_count: 1 });
    expect(await row("select comment_count from articles where site_id = ? and id = ?", site.id, "article-1")).toEqual({ comment_count: 4 });
    expect(await row("select count from queue_counts where site_id = ? and queue = 'rejected'", site.id)).toEqual({ count: 1 });
    // Author counters, and no e-mail anywhere: two spellings of Lee's address are one author.
    expect(await row("select published_count, email from users where site_id = ? and display_name = 'Lee'", site.id)).toEqual({
      published_count: 2,
      email: null,
    });
    const stored = await env.DB.prepare("select source_id from import_sources where site_id = ? and kind = 'author'")
      .bind(site.id)
      .all<{ source_id: string }>();
    expect(stored.results.map((r) => r.source_id).join(" ")).not.toContain("@");
  });

  it("attaches replies nested many levels deep to their top-level ancestor, in order, naming whom they answered", async () => {
    const site = await createSite();
    const done = await importFile(site.id, "disqus", deep);
    expect(done.counts).toMatchObject({ comments: 5, skipped: 1 });
    // d4 names a parent that comes later in the file: it stays, as a top-level comment, reported.
    expect(done.errors.map((e: { message: string }) => e.message)).toEqual(["Parent disqus:d3x not found: imported as a top-level comment"]);
    const page = await list(site, "deep", "?sort=oldest");
    const [top, orphan] = page.body.comments;
    expect(top.body).toBe("level 1");
    expect(orphan.body).toBe("level 4, whose parent was deleted");
    expect(top.replies.map((r: { body: string }) => r.body)).toEqual(["level 2", "@B level 3", "@E level 5"]);
    expect(top.replyCount).toBe(3);
  });

  it("adds nothing when the same file is imported again", async () => {
    const site = await createSite();
    await importFile(site.id, "disqus", messy);
    const before = await siteRows(site.id);
    const again = await importFile(site.id, "disqus", messy);
    expect(again.status).toBe("done");
    expect(again.counts).toMatchObject({ articles: 0, comments: 0, authors: 0, rejected: 0 });
    expect(await siteRows(site.id)).toEqual({ ...before, sources: before.sources });
    expect(await row("select comment_count from articles where site_id = ? and id = 'article-1'", site.id)).toEqual({ comment_count: 4 });
  });

  it("gives the same result read in many small chunks, resuming from R2 at each boundary", async () => {
    const whole = await createSite();
    const chunked = await createSite();
    const a = await importFile(whole.id, "disqus", messy);
    const b = await importFile(chunked.id, "disqus", messy, { limits: { chunkRecords: 2, chunksPerRun: 1 } });
    expect(b.runs).toBeGreaterThan(3);
    expect(b.counts).toEqual(a.counts);
    expect(await siteRows(chunked.id)).toEqual(await siteRows(whole.id));
  });

  it("fails a file that breaks off, naming the line, and leaves nothing behind", async () => {
    const site = await createSite();
    const failed = await importFile(site.id, "disqus", broken, { limits: { chunkRecords: 2, chunksPerRun: 100 } });
    expect(failed.status).toBe("failed");
    expect(failed.errors[0].message).toMatch(/breaks off/);
    expect(failed.errors[0].line).toBeGreaterThan(30);
    expect(await siteRows(site.id)).toEqual({ comments: 0, users: 0, articles: 0, sources: 0, queue: 0 });
  });

  it("deletes the uploaded file once the import is settled, done or failed: it holds readers' e-mails", async () => {
    const site = await createSite();
    const stored = async (importId: string) => env.ARCHIVE!.head(`imports/${site.id}/${importId}`);
    const done = await upload(site.id, "disqus", messy);
    expect(await stored(done.body.import.id)).not.toBeNull();
    // Mid-way, the file is still there for the next run to read on.
    const partly = await upload(site.id, "disqus", messy);
    expect(
      await runImport({ ...env, IMPORTS: { send: async () => {} } as never }, { importId: partly.body.import.id }, { chunkRecords: 2, chunksPerRun: 1 }),
    ).toBe("continue");
    expect(await stored(partly.body.import.id)).not.toBeNull();
    expect((await runToEnd(site.id, done.body.import.id)).status).toBe("done");
    expect(await stored(done.body.import.id)).toBeNull();
    const failed = await upload(site.id, "disqus", broken);
    expect((await runToEnd(site.id, failed.body.import.id)).status).toBe("failed");
    expect(await stored(failed.body.import.id)).toBeNull();
  });

  it("fails a file of another format with a clear error", async () => {
    const site = await createSite();
    const failed = await importFile(site.id, "disqus", wxr);
    expect(failed.status).toBe("failed");
    expect(failed.errors[0]).toEqual({ line: 2, message: "The root element is <rss>, not <disqus>" });
  });

  it("keeps comments already on the site and their counts when an import fails", async () => {
    const site = await createSite();
    await importFile(site.id, "disqus", messy);
    const before = await siteRows(site.id);
    const failed = await importFile(site.id, "disqus", `${messy.replace("</disqus>", "").replaceAll('dsq:id="p', 'dsq:id="q')}`);
    expect(failed.status).toBe("failed");
    expect(await siteRows(site.id)).toEqual(before);
    expect(await row("select comment_count from articles where site_id = ? and id = 'article-1'", site.id)).toEqual({ comment_count: 4 });
  });

  it("adds to the counts of an article that already has comments", async () => {
    const site = await createSite();
    const reader = await login(site);
    await comment(site, reader, "article-1", "Written here before the import");
    await importFile(site.id, "disqus", messy);
    expect(await row("select comment_count from articles where site_id = ? and id = 'article-1'", site.id)).toEqual({ comment_count: 5 });
    expect(await row("select published_count from users where id = ?", reader.userId)).toEqual({ published_count: 1 });
  });

  it("maps threads with the admin's rule", async () => {
    const site = await createSite();
    const done = await importFile(site.id, "disqus", messy, { query: `&articleRule=${encodeURIComponent("/politics/(\\d+)")}` });
    expect(done.status).toBe("done");
    expect(await row("select comment_count from articles where site_id = ? and id = '42'", site.id)).toEqual({ comment_count: 1 });
  });
});

describe("the imports API", () => {
  it("answers 202 with the import, and lists it", async () => {
    const site = await createSite();
    const res = await upload(site.id, "disqus", messy);
    expect(res.status).toBe(202);
    expect(res.body.import).toMatchObject({ status: "queued" });
    const listed = await api(`/api/v1/admin/sites/${site.id}/imports`, { headers: ADMIN });
    expect(listed.body.imports.map((i: { id: string }) => i.id)).toEqual([res.body.import.id]);
  });

  it("refuses a rule without one capture group, an unknown format, and another site's import", async () => {
    const site = await createSite();
    const other = await createSite();
    expect((await upload(site.id, "disqus", messy, "&articleRule=nogroup")).status).toBe(400);
    expect((await upload(site.id, "csv", "{}")).status).toBe(400);
    const created = await upload(site.id, "disqus", messy);
    const stranger = await api(`/api/v1/admin/sites/${other.id}/imports/${created.body.import.id}`, { headers: ADMIN });
    expect(stranger.status).toBe(404);
    expect((await api(`/api/v1/admin/sites/${site.id}/imports`, { headers: {} })).status).toBe(401);
  });
});
