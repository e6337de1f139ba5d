import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createSite } from "../helpers";
import disqus from "./fixtures/disqus-messy.xml?raw";
import wxr from "./fixtures/wxr-messy.xml?raw";
import { importFile } from "./importHelpers";

const row = <T>(sql: string, ...params: unknown[]) =>
  env.DB.prepare(sql)
    .bind(...params)
    .first<T>();

describe("WordPress (WXR) import", () => {
  it("imports comments by status: 1 published, 0 pending, spam rejected, trash and pingbacks skipped", async () => {
    const site = await createSite();
    const done = await importFile(site.id, "wxr", wxr);
    expect(done.status).toBe("done");
    expect(done.counts).toEqual({ articles: 1, comments: 3, authors: 3, skipped: 3, rejected: 1 });
    expect(done.errors.map((e: { message: string }) => e.message)).toEqual(expect.arrayContaining(["pingback skipped", "Invalid date '0000-00-00T00:00:00Z'"]));

    const first = await row<{ body: string; created_at: number; reply_count: number }>(
      "select body, created_at, reply_count from comments where site_id = ? and article_id = '/2019/hello-world' and parent_id is null and status = 'published'",
      site.id,
    );
    expect(first).toEqual({ body: "Hi, this is a comment.\nSecond line & more.\n\nNew paragraph", created_at: Date.UTC(2019, 4, 1, 8), reply_count: 0 });
    expect(await row("select status from comments where site_id = ? and body = 'Waiting for approval'", site.id)).toEqual({ status: "pending" });
    expect(await row("select comment_count from articles where site_id = ? and id = '/2019/hello-world'", site.id)).toEqual({ comment_count: 1 });
    const queues = await env.DB.prepare("select queue, count from queue_counts where site_id = ? order by queue").bind(site.id).all();
    expect(queues.results).toEqual([
      { queue: "pending", count: 1 },
      { queue: "rejected", count: 1 },
    ]);
  });

  it("reads a WordPress post's many comments across chunks and runs, and adds nothing the second time", async () => {
    const site = await createSite();
    const chunked = await importFile(site.id, "wxr", wxr, { limits: { chunkRecords: 2, chunksPerRun: 1 } });
    expect(chunked.counts).toMatchObject({ articles: 1, comments: 3, authors: 3, rejected: 1 });
    const again = await importFile(site.id, "wxr", wxr);
    expect(again.counts).toMatchObject({ articles: 0, comments: 0, authors: 0 });
    expect(await row("select count(*) as n from comments where site_id = ?", site.id)).toEqual({ n: 3 });
  });

  it("fails a Disqus file named as WXR", async () => {
    const site = await createSite();
    const failed = await importFile(site.id, "wxr", disqus);
    expect(failed.status).toBe("failed");
    expect(failed.errors[0].message).toBe("The root element is <disqus>, not <rss>");
  });
});
