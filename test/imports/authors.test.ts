import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ADMIN, api, createSite, login } from "../helpers";
import messy from "./fixtures/disqus-messy.xml?raw";
import { importFile } from "./importHelpers";

const authorId = async (siteId: string, name: string) =>
  (await env.DB.prepare("select id from users where site_id = ? and display_name = ?").bind(siteId, name).first<{ id: string }>())!.id;

const link = (siteId: string, id: string, sub: string) =>
  api(`/api/v1/admin/sites/${siteId}/imported-authors/${id}/link`, { method: "POST", headers: ADMIN, json: { sub } });

describe("imported authors", () => {
  it("become the account of the reader an admin links them to: their next SSO login owns the old comments", async () => {
    const site = await createSite();
    await importFile(site.id, "disqus", messy);
    const kim = await authorId(site.id, "Kim");
    const res = await link(site.id, kim, "kim-sub");
    expect([res.status, res.body.userId]).toEqual([200, kim]);
    const reader = await login(site, { sub: "kim-sub", name: "Kim Reader" });
    expect(reader.userId).toBe(kim);
    const own = await env.DB.prepare("select id from comments where author_id = ? and deleted = 0").bind(kim).first<{ id: string }>();
    const removed = await api(`/api/v1/comments/${own!.id}`, { method: "DELETE", headers: reader.auth });
    expect(removed.status).toBeLessThan(300);
    // Linked once: the author is no longer an imported one.
    expect((await link(site.id, kim, "other")).status).toBe(404);
  });

  it("hand their comments and counters to a reader who already has an account", async () => {
    const site = await createSite();
    const reader = await login(site, { sub: "lee-sub", name: "Lee" });
    await importFile(site.id, "disqus", messy);
    const lee = await authorId(site.id, "Lee");
    const res = await link(site.id, lee, "lee-sub");
    expect(res.body.userId).toBe(reader.userId);
    const counts = await env.DB.prepare("select published_count from users where id = ?").bind(reader.userId).first();
    expect(counts).toEqual({ published_count: 2 });
    expect(await env.DB.prepare("select count(*) as n from users where id = ?").bind(lee).first()).toEqual({ n: 0 });
    // A later import of the same file maps Lee's posts to the reader and adds nothing.
    const again = await importFile(site.id, "disqus", messy);
    expect(again.counts.comments).toBe(0);
  });

  it("cannot be linked from another site", async () => {
    const site = await createSite();
    const other = await createSite();
    await importFile(site.id, "disqus", messy);
    expect((await link(other.id, await authorId(site.id, "Kim"), "x")).status).toBe(404);
  });

  it("post without posting quotas, audit entries or daily counters", async () => {
    const site = await createSite({ settings: { dailyLimit: 1, perArticleDailyLimit: 1, minIntervalSeconds: 60 } });
    const done = await importFile(site.id, "disqus", messy);
    expect(done.counts.comments).toBe(6);
    const trace = await env.DB.prepare(
      "select (select count(*) from daily_counters where site_id = ?1) as quota, (select count(*) from moderation_actions where site_id = ?1) as audit",
    )
      .bind(site.id)
      .first();
    expect(trace).toEqual({ quota: 0, audit: 0 });
  });
});
