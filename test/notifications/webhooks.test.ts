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
  it("posts the event signed with the site's secret", async () => {
    const site = await createSite({ settings: {} });
    const name = `ok-${site.id}`;
    await api(`/api/v1/sites/${site.id}/settings`, { method: "PATCH", headers: ADMIN, json: { webhookUrl: `${receiver}/hook/${name}` } });
    const result = await runConsumer([event(site.id, "comment.queued", "pending", { commentId: "c1" })]);
    expect(result.explicitAcks).toEqual(["m0"]);
    const [delivery] = await received(name);
    expect(JSON.parse(delivery!.body)).toMatchObject({ siteId: site.id, type: "comment.queued", name: "pending", commentId: "c1" });
    const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(delivery!.headers["x-marginalia-signature"]!);
    expect(match).not.toBeNull();
    expect(match![2]).toBe(await hmacHex(site.secret, `${match![1]}.${delivery!.body}`));
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
});
