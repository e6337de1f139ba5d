import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { disqusExport } from "../../scripts/lib/disqusExport";
import { createSite } from "../helpers";
import { counterDrift, importFile } from "./importHelpers";

/** The generated export as one string, and what the generator says is in it. */
function generated(posts: number) {
  const chunks: string[] = [];
  const records = disqusExport(posts);
  for (;;) {
    const next = records.next();
    if (next.done) return { xml: chunks.join(""), expected: next.value };
    chunks.push(next.value);
  }
}

// The same generator as `npm run bench:import` (200,000 posts under wrangler dev, figures in the
// README), at a size the test suite can afford: many chunks and runs, every counter checked.
describe("a generated Disqus export", () => {
  it("imports every post the generator wrote, in many chunks, with every counter exact", async () => {
    const site = await createSite();
    const { xml, expected } = generated(3000);
    const done = await importFile(site.id, "disqus", xml);
    expect(done.status).toBe("done");
    expect(done.runs).toBeGreaterThan(3);
    expect(done.counts).toMatchObject({ articles: expected.threads, comments: expected.comments, rejected: expected.spam });
    const stored = await env.DB.prepare("select count(*) as n from comments where site_id = ? and deleted = 0").bind(site.id).first<{ n: number }>();
    expect(stored?.n).toBe(expected.comments);
    expect(await counterDrift(site.id)).toEqual([]);

    const again = await importFile(site.id, "disqus", xml);
    expect(again.counts).toMatchObject({ articles: 0, comments: 0, authors: 0 });
    expect(await counterDrift(site.id)).toEqual([]);
  });
});
