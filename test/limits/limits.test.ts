import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, comment, createSite, login, post } from "../helpers";

describe("posting limits", () => {
  it("refuses the comment over the daily limit with 429 and Retry-After until the next day", async () => {
    const site = await createSite({ settings: { dailyLimit: 2 } });
    const reader = await login(site);
    await comment(site, reader, "a", "one");
    await comment(site, reader, "b", "two");
    const res = await post(site, reader, "c", { body: "three" });
    expect(res.status).toBe(429);
    expect(res.body.error).toMatchObject({ code: "rate_limited", details: { limit: "daily" } });
    const retryAfter = Number(res.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(24 * 3600);
    expect((await post(site, await login(site), "c", { body: "someone else" })).status).toBe(201);
  });

  it("limits comments per article per day, counting deleted ones", async () => {
    const site = await createSite({ settings: { perArticleDailyLimit: 2 } });
    const reader = await login(site);
    const first = await comment(site, reader, "a", "one");
    await api(`/api/v1/comments/${first.id}`, { method: "DELETE", headers: reader.auth });
    await comment(site, reader, "a", "two");
    const res = await post(site, reader, "a", { body: "three" });
    expect(res.status).toBe(429);
    expect(res.body.error.details.limit).toBe("per_article");
    expect((await post(site, reader, "b", { body: "elsewhere" })).status).toBe(201);
  });

  it("makes an account wait the minimum interval between comments", async () => {
    const site = await createSite({ settings: { minIntervalSeconds: 30 } });
    const reader = await login(site);
    await comment(site, reader, "a", "one");
    const res = await post(site, reader, "a", { body: "two" });
    expect(res.status).toBe(429);
    expect(res.body.error.details.limit).toBe("interval");
    expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(25);
  });

  it("never lets concurrent posts overshoot the daily limit", async () => {
    const site = await createSite({ settings: { dailyLimit: 3 } });
    const reader = await login(site);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => post(site, reader, `art-${i}`, { body: `race ${i}` })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    expect(results.filter((r) => r.status === 429)).toHaveLength(5);
    const rows = await env.DB.prepare("select count(*) as n from comments where site_id = ?").bind(site.id).first<{ n: number }>();
    expect(rows?.n).toBe(3);
  });

  it("does not limit moderators", async () => {
    const site = await createSite({ settings: { dailyLimit: 1, minIntervalSeconds: 60 } });
    const moderator = await login(site, { role: "moderator" });
    await comment(site, moderator, "a", "one");
    expect((await post(site, moderator, "a", { body: "two" })).status).toBe(201);
  });
});

describe("burst limits", () => {
  it("answers 429 with Retry-After when one IP sends too many writes", async () => {
    const site = await createSite();
    const reader = await login(site);
    const ip = `203.0.113.${Math.floor(Math.random() * 250)}`;
    const statuses: number[] = [];
    for (let i = 0; i < 35; i++) {
      const res = await post(site, reader, "burst", { body: `b${i}` }, { "CF-Connecting-IP": ip });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.headers.get("Retry-After")).toBe("10");
        expect(res.body.error.details.limit).toBe("burst");
        break;
      }
    }
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(20);
  }, 30_000);

  it("limits reactions per user", async () => {
    const site = await createSite();
    const author = await login(site);
    const reader = await login(site);
    const c = await comment(site, author, "a", "x");
    let limited = false;
    for (let i = 0; i < 40 && !limited; i++) {
      const res = await api(`/api/v1/comments/${c.id}/reaction`, { method: "PUT", headers: reader.auth, json: { value: i % 2 ? "like" : null } });
      limited = res.status === 429;
    }
    expect(limited).toBe(true);
  });
});
