import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { inject, describe, expect, it } from "vitest";
import worker from "../../src/index";
import { event, type WebhookEvent } from "../../src/notifications/events";
import { ADMIN, api, type Comment, createSite, detailPaths, login, post, type Reader, refusal, runConsumer } from "../helpers";

const receiver = inject("webhookReceiver");
type Delivery = { headers: Record<string, string>; body: string };
/** What the receiver recorded for `name`; with `waitMs`, answered as soon as a delivery arrives (or empty after waitMs). */
const received = async (name: string, waitMs = 0) => (await (await fetch(`${receiver}/received/${name}?wait=${waitMs}`)).json()) as Delivery[];
const setWebhookUrl = (site: { id: string }, webhookUrl: string | null) =>
  api(`/api/v1/sites/${site.id}/settings`, { method: "PATCH", headers: ADMIN, json: { webhookUrl } });

/**
 * Posts a comment through the Worker's fetch with the WEBHOOKS producer replaced by a spy, and
 * waits for the work the request left to waitUntil. `enqueuedBeforeAnswer` is what the spy held
 * when the response came back: the post must not wait for the queue.
 */
async function postWithQueueSpy(site: { id: string }, reader: Reader, body: string) {
  const enqueued: WebhookEvent[] = [];
  const accepted = { metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } } };
  // The queue holds every send until the answer is in: a request that waited on it would never answer.
  let answered = () => {};
  const answer = new Promise<void>((resolve) => {
    answered = resolve;
  });
  const spy: Pick<Queue<WebhookEvent>, "send" | "sendBatch"> = {
    send: async (message) => {
      await answer;
      enqueued.push(message);
      return accepted;
    },
    sendBatch: async (messages) => {
      await answer;
      enqueued.push(...[...messages].map((m) => m.body));
      return accepted;
    },
  };
  const request = new Request(`https://marginalia.test/api/v1/sites/${site.id}/articles/art/comments`, {
    method: "POST",
    headers: { ...reader.auth, "Content-Type": "application/json" },
    body: JSON.stringify({ body }),
  });
  const ctx = createExecutionContext();
  const res = await worker.fetch(request, { ...env, WEBHOOKS: spy }, ctx);
  const enqueuedBeforeAnswer = [...enqueued];
  answered();
  await waitOnExecutionContext(ctx);
  return { status: res.status, comment: ((await res.json()) as { comment: Comment }).comment, enqueued, enqueuedBeforeAnswer };
}

async function hmacHex(secret: string, message: string) {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return Array.from(new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(message))), (b) => b.toString(16).padStart(2, "0")).join("");
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

  it("drops events of a site without a webhook URL: acknowledged, nothing delivered", async () => {
    const site = await createSite();
    const name = `dropped-${site.id}`;
    expect((await setWebhookUrl(site, `${receiver}/hook/${name}`)).status).toBe(200);
    expect((await setWebhookUrl(site, null)).status).toBe(200);
    const result = await runConsumer([event(site.id, "moderation.action", "approve")]);
    expect(result.explicitAcks).toEqual(["m0"]);
    expect(result.retryMessages).toEqual([]);
    // The consumer awaits each delivery before it acknowledges: had it sent one, it would be here.
    expect(await received(name)).toEqual([]);
  });

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
    await env.DB.prepare("update sites set webhook_secret_sealed = null, settings = json_set(settings, '$.webhookUrl', ?) where id = ?")
      .bind(`${receiver}/hook/${name}`, site.id)
      .run();
    expect((await runConsumer([event(site.id, "moderation.action", "approve")])).explicitAcks).toEqual(["m0"]);
    expect(await received(name)).toEqual([]);
  });
});

describe("webhook events from the API", () => {
  it("enqueues a held comment's event after answering, and the consumer delivers it", async () => {
    const site = await createSite({ settings: { premoderation: "all" } });
    const name = `api-${site.id}`;
    await setWebhookUrl(site, `${receiver}/hook/${name}`);
    const author = await login(site);
    const posted = await postWithQueueSpy(site, author, "held for review");
    expect([posted.status, posted.comment.status]).toEqual([201, "pending"]);
    expect(posted.enqueuedBeforeAnswer).toEqual([]);
    expect(posted.enqueued).toEqual([
      {
        siteId: site.id,
        type: "comment.queued",
        name: "pending",
        commentId: posted.comment.id,
        userId: author.userId,
        reasons: ["premoderation"],
        at: expect.any(String),
      },
    ]);

    const result = await runConsumer(posted.enqueued);
    expect(result.explicitAcks).toEqual(["m0"]);
    const deliveries = await received(name);
    expect(deliveries).toHaveLength(1);
    expect(JSON.parse(deliveries[0]!.body)).toMatchObject({
      type: "comment.queued",
      name: "pending",
      commentId: posted.comment.id,
      reasons: ["premoderation"],
    });
  });

  it("enqueues nothing for a site without a webhook URL", async () => {
    const site = await createSite({ settings: { premoderation: "all" } });
    const posted = await postWithQueueSpy(site, await login(site), "held, but nobody listens");
    expect([posted.status, posted.comment.status]).toEqual([201, "pending"]);
    expect(posted.enqueued).toEqual([]);
  });

  it("reaches the site's endpoint through the real WEBHOOKS queue", async () => {
    const site = await createSite({ settings: { premoderation: "all" } });
    const name = `e2e-${site.id}`;
    await setWebhookUrl(site, `${receiver}/hook/${name}`);
    const res = await post(site, await login(site), "art", { body: "held for review" });
    expect(res.body.comment.status).toBe("pending");
    // The queue hands a batch to the consumer once it holds max_batch_size (10, wrangler.toml)
    // messages, else after max_batch_timeout (5 s). Nine events of a site without a webhook URL
    // (acknowledged, never sent) fill the batch, so it goes now rather than after the timeout.
    const quiet = await createSite();
    await env.WEBHOOKS!.sendBatch(Array.from({ length: 9 }, () => ({ body: event(quiet.id, "moderation.action", "approve") })));
    const deliveries = await received(name, 12_000);
    expect(deliveries).toHaveLength(1);
    expect(JSON.parse(deliveries[0]!.body)).toMatchObject({
      type: "comment.queued",
      name: "pending",
      commentId: res.body.comment.id,
      reasons: ["premoderation"],
    });
  }, 20_000);
});

describe("who may set the webhook URL, and where it may point", () => {
  const patch = (site: { id: string }, headers: Record<string, string>, json: unknown) =>
    api(`/api/v1/sites/${site.id}/settings`, { method: "PATCH", headers, json });
  const storedUrl = async (site: { id: string }) => (await api(`/api/v1/sites/${site.id}/settings`, { headers: ADMIN })).body.settings.webhookUrl;

  it("refuses a moderator's change of webhookUrl with 403, even to a public https URL", async () => {
    const site = await createSite();
    const moderator = await login(site, { role: "moderator" });
    const res = await patch(site, moderator.auth, { webhookUrl: "https://hooks.example.com/x", maxLinks: 5 });
    expect(refusal(res)).toEqual([403, "forbidden"]);
    expect(detailPaths(res)).toEqual(["webhookUrl"]);
    expect(await storedUrl(site)).toBeNull();
    // The rest of the settings are still theirs to change.
    expect((await patch(site, moderator.auth, { maxLinks: 5 })).status).toBe(200);
  });

  it("refuses loopback, private, link-local, CGNAT and unique-local hosts and plain http with a 400 naming the field", async () => {
    const site = await createSite();
    for (const url of [
      "http://hooks.example.com/x",
      "https://localhost/x",
      "https://127.0.0.2/x",
      "https://10.0.0.5/x",
      "https://169.254.169.254/x",
      "https://100.64.1.1/x",
      "https://[fd00::1]/x",
      "https://[::1]/x",
    ]) {
      const res = await patch(site, ADMIN, { webhookUrl: url });
      expect(res.status, url).toBe(400);
      expect(res.body.error.code).toBe("invalid_request");
      expect(res.body.error.details).toEqual([expect.objectContaining({ path: "webhookUrl" })]);
    }
    expect(await storedUrl(site)).toBeNull();
  });

  it("applies the same rules to the admin site API", async () => {
    const created = await api("/api/v1/admin/sites", {
      method: "POST",
      headers: ADMIN,
      json: { id: "hook-private", name: "x", origins: [], settings: { webhookUrl: "https://192.168.1.1/x" } },
    });
    expect(refusal(created)).toEqual([400, "invalid_request"]);
    expect(detailPaths(created)).toEqual(["settings.webhookUrl"]);
    expect(refusal(await api("/api/v1/admin/sites/hook-private", { headers: ADMIN }))).toEqual([404, "site_not_found"]);
    const site = await createSite();
    const updated = await api(`/api/v1/admin/sites/${site.id}`, {
      method: "PATCH",
      headers: ADMIN,
      json: { settings: { webhookUrl: "https://[::ffff:10.0.0.1]/x" } },
    });
    expect(refusal(updated)).toEqual([400, "invalid_request"]);
    expect(detailPaths(updated)).toEqual(["settings.webhookUrl"]);
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
