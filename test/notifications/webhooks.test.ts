import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { inject, describe, expect, it } from "vitest";
import worker from "../../src/index";
import { event, type WebhookEvent } from "../../src/notifications/events";
import { ADMIN, api, createSite, login, post } from "../helpers";

const receiver = inject("webhookReceiver");
const received = async (name: string) => (await (await fetch(`${receiver}/received/${name}`)).json()) as { headers: Record<string, string>; body: string }[];

async function hmacHex(secret: string, message: string) {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return Array.from(new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(message))), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function runConsumer(events: WebhookEvent[]) {
  const batch = createMessageBatch<WebhookEvent>("marginalia-webhooks", events.map((body, i) => ({ id: `m${i}`, timestamp: new Date(), attempts: 1, body })));
  const ctx = createExecutionContext();
  await worker.queue!(batch, env, ctx);
  return getQueueResult(batch, ctx);
}

describe("webhook delivery", () => {
  it("posts the event signed with the site's webhook secret, never its SSO secret", async () => {
    const site = await createSite({ settings: {} });
    const name = `ok-${site.id}`;
    await api(`/api/v1/sites/${site.id}/settings`, { method: "PATCH", headers: ADMIN, json: { webhookUrl: `${receiver}/hook/${name}` } });
    const result = await runConsumer([event(site.id, "comment.queued", "pending", { commentId: "c1" })]);
    expect(result.explicitAcks).toEqual(["m0"]);
    const [delivery] = await received(name);
    expect(JSON.parse(delivery!.body)).toMatchObject({ siteId: site.id, type: "comment.queued", name: "pending", commentId: "c1" });
    const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(delivery!.headers["x-marginalia-signature"]!);
    expect(match).not.toBeNull();
    expect(match![2]).toBe(await hmacHex(site.webhookSecret, `${match![1]}.${delivery!.body}`));
    expect(match![2]).not.toBe(await hmacHex(site.secret, `${match![1]}.${delivery!.body}`));
    expect(delivery!.headers["x-marginalia-event"]).toBe("comment.queued");
  });

  it("retries when the endpoint fails", async () => {
    const site = await createSite();
    await api(`/api/v1/sites/${site.id}/settings`, { method: "PATCH", headers: ADMIN, json: { webhookUrl: `${receiver}/hook/fail-${site.id}` } });
    const result = await runConsumer([event(site.id, "moderation.action", "approve")]);
    expect(result.retryMessages).toEqual([expect.objectContaining({ msgId: "m0" })]);
    expect(result.explicitAcks).toEqual([]);
    expect(await received(`fail-${site.id}`)).toHaveLength(1);
  });

  it("drops events of a site without a webhook URL", async () => {
    const site = await createSite();
    const result = await runConsumer([event(site.id, "moderation.action", "approve")]);
    expect(result.explicitAcks).toEqual(["m0"]);
  });

  it("is enqueued by the API when a comment is held, without the post waiting for it", async () => {
    const site = await createSite({ settings: { premoderation: "all" } });
    const name = `e2e-${site.id}`;
    await api(`/api/v1/sites/${site.id}/settings`, { method: "PATCH", headers: ADMIN, json: { webhookUrl: `${receiver}/hook/${name}` } });
    const res = await post(site, await login(site), "art", { body: "held for review" });
    expect(res.body.comment.status).toBe("pending");
    let deliveries: Awaited<ReturnType<typeof received>> = [];
    for (let i = 0; i < 60 && deliveries.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 250));
      deliveries = await received(name);
    }
    expect(JSON.parse(deliveries[0]!.body)).toMatchObject({ type: "comment.queued", name: "pending", commentId: res.body.comment.id, reasons: ["premoderation"] });
  }, 20_000);

  it("signs with the new secret once the admin rotates it", async () => {
    const site = await createSite();
    const name = `rotated-${site.id}`;
    await api(`/api/v1/sites/${site.id}/settings`, { method: "PATCH", headers: ADMIN, json: { webhookUrl: `${receiver}/hook/${name}` } });
    const rotated = await api(`/api/v1/admin/sites/${site.id}/rotate-webhook-secret`, { method: "POST", headers: ADMIN });
    expect(rotated.status).toBe(200);
    expect(rotated.body.webhookSecret).toMatch(/^whsec_/);
    expect(rotated.body.webhookSecret).not.toBe(site.webhookSecret);
    await runConsumer([event(site.id, "moderation.action", "approve")]);
    const [delivery] = await received(name);
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(delivery!.headers["x-marginalia-signature"]!)!;
    expect(v1).toBe(await hmacHex(rotated.body.webhookSecret, `${t}.${delivery!.body}`));
    const row = await env.DB.prepare("select webhook_secret_sealed as s from sites where id = ?").bind(site.id).first<{ s: string }>();
    expect(row!.s).toMatch(/^v1\./);
    expect(row!.s).not.toContain(rotated.body.webhookSecret);
  });

  it("skips a URL stored before the rules, and a site without a webhook secret", async () => {
    const site = await createSite();
    await env.DB.prepare("update sites set settings = json_set(settings, '$.webhookUrl', 'https://169.254.169.254/latest') where id = ?").bind(site.id).run();
    expect((await runConsumer([event(site.id, "moderation.action", "approve")])).explicitAcks).toEqual(["m0"]);
    const name = `nosecret-${site.id}`;
    await env.DB.prepare("update sites set webhook_secret_sealed = null, settings = json_set(settings, '$.webhookUrl', ?) where id = ?").bind(`${receiver}/hook/${name}`, site.id).run();
    expect((await runConsumer([event(site.id, "moderation.action", "approve")])).explicitAcks).toEqual(["m0"]);
    expect(await received(name)).toEqual([]);
  });
});

describe("who may set the webhook URL, and where it may point", () => {
  const patch = (site: { id: string }, headers: Record<string, string>, json: unknown) => api(`/api/v1/sites/${site.id}/settings`, { method: "PATCH", headers, json });
  const storedUrl = async (site: { id: string }) => (await api(`/api/v1/sites/${site.id}/settings`, { headers: ADMIN })).body.settings.webhookUrl;

  it("refuses a moderator's change of webhookUrl with 403, even to a public https URL", async () => {
    const site = await createSite();
    const moderator = await login(site, { role: "moderator" });
    const res = await patch(site, moderator.auth, { webhookUrl: "https://hooks.example.com/x", maxLinks: 5 });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("forbidden");
    expect(res.body.error.details[0].path).toBe("webhookUrl");
    expect(await storedUrl(site)).toBeNull();
    // The rest of the settings are still theirs to change.
    expect((await patch(site, moderator.auth, { maxLinks: 5 })).status).toBe(200);
  });

  it("refuses loopback, private, link-local, CGNAT and unique-local hosts and plain http with a 400 naming the field", async () => {
    const site = await createSite();
    for (const url of ["http://hooks.example.com/x", "https://localhost/x", "https://127.0.0.2/x", "https://10.0.0.5/x", "https://169.254.169.254/x", "https://100.64.1.1/x", "https://[fd00::1]/x", "https://[::1]/x"]) {
      const res = await patch(site, ADMIN, { webhookUrl: url });
      expect(res.status, url).toBe(400);
      expect(res.body.error.code).toBe("invalid_request");
      expect(res.body.error.details).toEqual([expect.objectContaining({ path: "webhookUrl" })]);
    }
    expect(await storedUrl(site)).toBeNull();
  });

  it("applies the same rules to the admin site API", async () => {
    const created = await api("/api/v1/admin/sites", { method: "POST", headers: ADMIN, json: { id: "hook-private", name: "x", origins: [], settings: { webhookUrl: "https://192.168.1.1/x" } } });
    expect(created.status).toBe(400);
    expect(created.body.error.details[0].path).toBe("settings.webhookUrl");
    expect((await api("/api/v1/admin/sites/hook-private", { headers: ADMIN })).status).toBe(404);
    const site = await createSite();
    const updated = await api(`/api/v1/admin/sites/${site.id}`, { method: "PATCH", headers: ADMIN, json: { settings: { webhookUrl: "https://[::ffff:10.0.0.1]/x" } } });
    expect(updated.status).toBe(400);
    expect(updated.body.error.details[0].path).toBe("settings.webhookUrl");
  });

  it("gives a site created before webhook secrets its first one, once, when the admin sets a URL", async () => {
    const site = await createSite();
    await env.DB.prepare("update sites set webhook_secret_sealed = null where id = ?").bind(site.id).run();
    const first = await patch(site, ADMIN, { webhookUrl: "https://hooks.example.com/a" });
    expect(first.status).toBe(200);
    expect(first.body.webhookSecret).toMatch(/^whsec_/);
    const second = await patch(site, ADMIN, { webhookUrl: "https://hooks.example.com/b" });
    expect(second.body.webhookSecret).toBeUndefined();
    expect(second.body.settings.webhookUrl).toBe("https://hooks.example.com/b");
  });
});
