import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { api, type ApiErrorBody, type ApiResponse, comment, createSite, login, post, refusal, signSso } from "../helpers";

/** Which limit a 429 `rate_limited` names (src/limits/quota.ts). */
const limitOf = (res: ApiResponse) => (res.body.error.details as { limit: string }).limit;

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
    expect(refusal(res)).toEqual([429, "rate_limited"]);
    expect(limitOf(res)).toBe("per_article");
    expect((await post(site, reader, "b", { body: "elsewhere" })).status).toBe(201);
  });

  it("makes an account wait the minimum interval between comments", async () => {
    const site = await createSite({ settings: { minIntervalSeconds: 30 } });
    const reader = await login(site);
    await comment(site, reader, "a", "one");
    const res = await post(site, reader, "a", { body: "two" });
    expect(refusal(res)).toEqual([429, "rate_limited"]);
    expect(limitOf(res)).toBe("interval");
    expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(25);
  });

  it("never lets concurrent posts overshoot the daily limit", async () => {
    const site = await createSite({ settings: { dailyLimit: 3 } });
    const reader = await login(site);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => post(site, reader, `art-${i}`, { body: `race ${i}` })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    expect(results.filter((r) => r.status === 429)).toHaveLength(5);
    expect(results.filter((r) => r.status === 429).map((r) => [r.body.error.code, limitOf(r)])).toEqual(Array(5).fill(["rate_limited", "daily"]));
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

/** A random documentation address, so tests never share a bucket. */
const randomIpv4 = () => `203.0.113.${Math.floor(Math.random() * 250)}`;
const random16 = () => Math.floor(Math.random() * 0xffff).toString(16);

/**
 * Waits for a fresh window when less than 6 s remain: the local rate limiter counts in fixed
 * 10-second windows and forgets every bucket at the boundary, which a burst must not straddle.
 */
async function freshWindow() {
  const left = 10_000 - (Date.now() % 10_000);
  if (left < 6_000) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

function ssoFrom(site: { id: string; secret: string }, ip: string) {
  return signSso(site.secret).then((token) => api("/api/v1/auth/sso", { method: "POST", headers: { "CF-Connecting-IP": ip }, json: { site: site.id, token } }));
}

/** A RateLimit that records its keys and answers as told. */
function fakeLimiter(success: boolean) {
  const keys: string[] = [];
  return {
    keys,
    limit: async ({ key }: { key: string }) => {
      keys.push(key);
      return { success };
    },
  };
}

describe("burst limits", () => {
  it("answers 429 with Retry-After when one signed-in reader sends too many writes, without blocking others at the address", async () => {
    const site = await createSite();
    const [hammering, neighbour] = [await login(site), await login(site)];
    const ip = randomIpv4();
    await freshWindow();
    const statuses: number[] = [];
    for (let i = 0; i < 35; i++) {
      const res = await post(site, hammering, "burst", { body: `b${i}` }, { "CF-Connecting-IP": ip });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.headers.get("Retry-After")).toBe("10");
        expect(res.body.error.code).toBe("rate_limited");
        expect(limitOf(res)).toBe("burst");
        break;
      }
    }
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(20);
    expect((await post(site, neighbour, "burst", { body: "my own comment" }, { "CF-Connecting-IP": ip })).status).toBe(201);
  }, 30_000);

  it("lets 40 signed-in readers behind one carrier address post a few times each", async () => {
    const site = await createSite();
    const readers = await Promise.all(Array.from({ length: 40 }, () => login(site)));
    const ip = randomIpv4();
    await freshWindow();
    const statuses = await Promise.all(
      readers.map(async (reader, r) => {
        const mine: number[] = [];
        for (let i = 0; i < 3; i++) mine.push((await post(site, reader, `art-${i}`, { body: `reader ${r} comment ${i}` }, { "CF-Connecting-IP": ip })).status);
        return mine;
      }),
    );
    expect(statuses.flat().filter((s) => s !== 201)).toEqual([]);
  }, 60_000);

  it("keys IPv6 clients by their /64, however the address is written", async () => {
    const site = await createSite();
    const prefix = `2001:db8:${random16()}:${random16()}`;
    const spellings = [`${prefix}::1`, `${prefix.toUpperCase()}:0:0:0:2`, `${prefix}:abcd:ef01:2345:6789`];
    await freshWindow();
    const statuses: number[] = [];
    let last: ApiResponse | undefined;
    for (let i = 0; i < 40 && !statuses.includes(429); i++) {
      last = await ssoFrom(site, spellings[i % spellings.length]!);
      statuses.push(last.status);
    }
    expect(statuses.at(-1)).toBe(429);
    expect([last!.body.error.code, limitOf(last!)]).toEqual(["rate_limited", "burst"]);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(30);
    // The neighbouring /64 is another subscriber.
    expect((await ssoFrom(site, `2001:db8:${random16()}:${random16()}::1`)).status).toBe(200);
  }, 30_000);

  it("keys a request with an unknown session by its address, like an anonymous one", async () => {
    const ip = randomIpv4();
    await freshWindow();
    const answers: ReturnType<typeof refusal>[] = [];
    for (let i = 0; i < 35; i++) {
      const res = await api("/api/v1/me", { method: "PATCH", headers: { Authorization: `Bearer forged-${i}`, "CF-Connecting-IP": ip }, json: { name: "x" } });
      answers.push(refusal(res));
    }
    expect(answers.slice(0, 30)).toEqual(Array(30).fill([401, "invalid_session"]));
    expect(answers.slice(30)).toEqual(Array(5).fill([429, "rate_limited"]));
  }, 30_000);

  it("keys signed-in writes by user on BURST_LIMITER and by /64 on the looser ADDRESS_LIMITER", async () => {
    const site = await createSite();
    const reader = await login(site);
    const app = createApp();
    const rename = (limiters: Record<string, unknown>) =>
      app.request(
        "https://marginalia.test/api/v1/me",
        {
          method: "PATCH",
          headers: { ...reader.auth, "Content-Type": "application/json", "CF-Connecting-IP": "2001:db8:1:2:3:4:5:6" },
          body: JSON.stringify({ name: "새 이름" }),
        },
        { ...env, ...limiters },
      );

    const [perClient, perAddress] = [fakeLimiter(true), fakeLimiter(true)];
    expect((await rename({ BURST_LIMITER: perClient, ADDRESS_LIMITER: perAddress })).status).toBe(200);
    expect(perClient.keys).toEqual([`user:${reader.userId}`]);
    expect(perAddress.keys).toEqual(["ip:2001:db8:1:2::/64"]);

    // Over the address ceiling, the session is not even looked up.
    const [untouched, full] = [fakeLimiter(true), fakeLimiter(false)];
    const refused = await rename({ BURST_LIMITER: untouched, ADDRESS_LIMITER: full });
    expect(refused.status).toBe(429);
    const { error } = (await refused.json()) as ApiErrorBody<{ limit: string }>;
    expect([error.code, error.details?.limit]).toEqual(["rate_limited", "burst"]);
    expect(untouched.keys).toEqual([]);
  });

  it("keys anonymous writes by address on BURST_LIMITER only", async () => {
    const site = await createSite();
    const [perClient, perAddress] = [fakeLimiter(true), fakeLimiter(true)];
    const res = await createApp().request(
      "https://marginalia.test/api/v1/auth/sso",
      {
        method: "POST",
        headers: { "Content-Type": "application/json", "CF-Connecting-IP": "::ffff:198.51.100.9" },
        body: JSON.stringify({ site: site.id, token: await signSso(site.secret) }),
      },
      { ...env, BURST_LIMITER: perClient, ADDRESS_LIMITER: perAddress },
    );
    expect(res.status).toBe(200);
    expect(perClient.keys).toEqual(["ip:198.51.100.9"]);
    expect(perAddress.keys).toEqual([]);
  });

  it("limits reactions per user", async () => {
    const site = await createSite();
    const author = await login(site);
    const reader = await login(site);
    const c = await comment(site, author, "a", "x");
    let limited: ApiResponse | undefined;
    for (let i = 0; i < 40 && !limited; i++) {
      const res = await api(`/api/v1/comments/${c.id}/reaction`, { method: "PUT", headers: reader.auth, json: { value: i % 2 ? "like" : null } });
      if (res.status === 429) limited = res;
    }
    expect(limited && refusal(limited)).toEqual([429, "rate_limited"]);
  });
});
