import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { IDEMPOTENCY_TTL_MS } from "../../src/maintenance/cleanup";
import { api, createSite, login, post, refusal } from "../helpers";

describe("daily cleanup", () => {
  it("drops expired sessions, old idempotency keys and expired pending logins, keeping live ones", async () => {
    const site = await createSite();
    const live = await login(site);
    const stale = await login(site);
    await post(site, live, "art", { body: "x" }, { "Idempotency-Key": "fresh" });
    await post(site, live, "art", { body: "y" }, { "Idempotency-Key": "old" });
    const now = Date.now();
    const pendingLogin =
      "insert into pending_logins (state_hash, site_id, provider, origin, browser_hash, created_at, expires_at) values (?, ?, 'google', 'https://x.example', 'b', ?, ?)";
    await env.DB.batch([
      env.DB.prepare(pendingLogin).bind("expired-login", site.id, now - 700_000, now - 100_000),
      env.DB.prepare(pendingLogin).bind("live-login", site.id, now, now + 600_000),
      env.DB.prepare("update sessions set expires_at = ? where user_id = ?").bind(now - 1, stale.userId),
      env.DB.prepare("update idempotency_keys set created_at = ? where key = 'old'").bind(now - IDEMPOTENCY_TTL_MS - 1),
    ]);
    const ctx = createExecutionContext();
    await worker.scheduled!(createScheduledController({ cron: "17 3 * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(refusal(await api("/api/v1/me", { headers: stale.auth }))).toEqual([401, "invalid_session"]);
    expect((await api("/api/v1/me", { headers: live.auth })).status).toBe(200);
    const keys = await env.DB.prepare("select key from idempotency_keys").all<{ key: string }>();
    expect(keys.results.map((k) => k.key)).toEqual(["fresh"]);
    const logins = await env.DB.prepare("select state_hash from pending_logins").all<{ state_hash: string }>();
    expect(logins.results.map((l) => l.state_hash)).toEqual(["live-login"]);
  });
});
