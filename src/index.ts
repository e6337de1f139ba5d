import { createApp } from "./app";
import { createDb } from "./db/client";
import type { Env } from "./env";
import { consumeImports } from "./imports/consumeImports";
import type { ImportJob } from "./imports/importJob";
import { cleanUp } from "./maintenance/cleanup";
import type { WebhookEvent } from "./notifications/events";
import { consumeWebhooks } from "./notifications/webhooks";

const app = createApp();

/** The queue an import job travels on (wrangler.toml); every other batch is webhook deliveries. */
const IMPORTS_QUEUE = "marginalia-imports";

export default {
  fetch: app.fetch,
  /** Webhook deliveries and import jobs (wrangler.toml [[queues.consumers]]). */
  async queue(batch, env, ctx) {
    if (batch.queue === IMPORTS_QUEUE) return consumeImports(batch as MessageBatch<ImportJob>, env);
    return consumeWebhooks(batch as MessageBatch<WebhookEvent>, env, ctx);
  },
  /** Cron (wrangler.toml [triggers]): daily housekeeping. */
  async scheduled(_controller, env, _ctx) {
    const removed = await cleanUp(createDb(env.DB));
    console.log("cleanup", removed);
  },
} satisfies ExportedHandler<Env, WebhookEvent | ImportJob>;
