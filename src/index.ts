import { createApp } from "./app";
import { createDb } from "./db/client";
import type { Env } from "./env";
import { cleanUp } from "./maintenance/cleanup";
import type { WebhookEvent } from "./notifications/events";
import { consumeWebhooks } from "./notifications/webhooks";

const app = createApp();

export default {
  fetch: app.fetch,
  /** Webhook deliveries (wrangler.toml [[queues.consumers]]). */
  queue: consumeWebhooks,
  /** Cron (wrangler.toml [triggers]): daily housekeeping. */
  async scheduled(_controller, env, _ctx) {
    const removed = await cleanUp(createDb(env.DB));
    console.log("cleanup", removed);
  },
} satisfies ExportedHandler<Env, WebhookEvent>;
