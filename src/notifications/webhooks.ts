import { createMiddleware } from "hono/factory";
import type { AppEnv, Env } from "../env";
import { createDb, type Db } from "../db/client";
import { unsealSecret } from "../lib/secretsKey";
import { devWebhookHosts, webhookUrlProblem } from "../sites/webhookUrl";
import { findComment } from "../db/commentRecords.queries";
import { findSite, type SiteRecord } from "../sites/sites.queries";
import { siteOf } from "../middleware/site";
import type { WebhookEvent } from "./events";

/** How long a site's endpoint gets to answer before the delivery is retried. */
const DELIVERY_TIMEOUT_MS = 5000;

/**
 * Collects the webhook events a request produces and, once it has answered, hands them to the
 * WEBHOOKS queue (waitUntil): posting never waits on a site's endpoint.
 */
export const collectWebhookEvents = createMiddleware<AppEnv>(async (c, next) => {
  const events: WebhookEvent[] = [];
  c.set("events", events);
  await next();
  const queue = c.env.WEBHOOKS;
  // The site as this request (or this isolate, seconds ago) read it: no D1 call of its own.
  if (events.length && queue) c.executionCtx.waitUntil(enqueue((siteId) => siteOf(c, siteId), queue, events));
});

/** Sends the events of sites that have a webhook URL and a signing secret; the others are dropped here. */
async function enqueue(siteOf: (siteId: string) => Promise<SiteRecord | undefined>, queue: Queue<WebhookEvent>, events: WebhookEvent[]): Promise<void> {
  try {
    const wanted = new Set<string>();
    for (const siteId of new Set(events.map((e) => e.siteId))) {
      const site = await siteOf(siteId);
      if (site?.settings.webhookUrl && site.webhookSecretSealed) wanted.add(siteId);
    }
    const messages = events.filter((e) => wanted.has(e.siteId)).map((body) => ({ body }));
    if (messages.length) await queue.sendBatch(messages);
  } catch (error) {
    console.error("webhook enqueue failed", error);
  }
}

async function hmacHex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const signature = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(message)));
  return Array.from(signature, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Delivers one event to its site's webhook URL, signed like Stripe's: the header
 * `X-Marginalia-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the site's webhook
 * secret>` (never the SSO secret, which mints sessions). Returns "sent", "skipped" (no URL or
 * no secret any more, or a URL no longer allowed) or throws to have the queue retry.
 */
async function deliver(env: Env, queued: WebhookEvent, now = Date.now()): Promise<"sent" | "skipped"> {
  const db = createDb(env.DB);
  const site = await findSite(db, queued.siteId);
  const url = site?.settings.webhookUrl;
  if (!site || !url) return "skipped";
  if (!site.webhookSecretSealed) {
    console.warn(`webhook of site ${site.id} skipped: no webhook secret (POST /api/v1/admin/sites/${site.id}/rotate-webhook-secret)`);
    return "skipped";
  }
  // Checked again here: a URL stored before the rules existed, or a dev host no longer allowed.
  const problem = webhookUrlProblem(url, devWebhookHosts(env.DEV_WEBHOOK_HOSTS));
  if (problem) {
    console.warn(`webhook of site ${site.id} skipped: webhookUrl ${problem}`);
    return "skipped";
  }
  const event = await withoutErasedFindings(db, queued);
  const body = JSON.stringify(event);
  const timestamp = Math.floor(now / 1000);
  const secret = await unsealSecret(env, site.webhookSecretSealed);
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "User-Agent": "Marginalia-Webhooks/1",
      "X-Marginalia-Event": event.type,
      "X-Marginalia-Signature": `t=${timestamp},v1=${await hmacHex(secret, `${timestamp}.${body}`)}`,
    },
    body,
    signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`Webhook ${url} answered ${response.status}`);
  return "sent";
}

/**
 * An event queued before its comment was deleted keeps no finding about the erased text (the
 * checks' and the classifier's reason codes): deletion erases everything derived from it.
 */
async function withoutErasedFindings(db: Db, event: WebhookEvent): Promise<WebhookEvent> {
  if (!event.commentId || !event.reasons?.length) return event;
  const comment = await findComment(db, event.commentId);
  if (comment && !comment.deleted) return event;
  const { reasons: _, ...rest } = event;
  return rest;
}

/** Queue consumer: each message delivered on its own; failures retried with growing delays. */
export async function consumeWebhooks(batch: MessageBatch<WebhookEvent>, env: Env, _ctx?: ExecutionContext): Promise<void> {
  await Promise.all(
    batch.messages.map(async (message) => {
      try {
        await deliver(env, message.body);
        message.ack();
      } catch (error) {
        console.warn("webhook delivery failed", message.body.siteId, String(error));
        message.retry({ delaySeconds: Math.min(30 * 2 ** (message.attempts - 1), 3600) });
      }
    }),
  );
}
