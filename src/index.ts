import { createApp } from "./app";
import { createDb } from "./db/client";
import type { Env } from "./env";
import { cleanUp } from "./maintenance/cleanup";
import { consumeEmailJobs } from "./notifications/email/deliverEmail";
import type { EmailJob } from "./notifications/email/emailJob";
import { sweepEmails } from "./notifications/email/emailSweep";
import type { WebhookEvent } from "./notifications/events";
import { consumeWebhooks } from "./notifications/webhooks";

const app = createApp();

/** The e-mail queue's name (wrangler.toml); every other batch is webhook deliveries. */
const EMAIL_QUEUE = "marginalia-notify-emails";
/** The cron of the notification e-mail sweep (wrangler.toml [triggers]); the other one is the daily cleanup. */
const EMAIL_SWEEP_CRON = "*/10 * * * *";

export default {
  fetch: app.fetch,
  /** Webhook deliveries and notification e-mails (wrangler.toml [[queues.consumers]]). */
  async queue(batch, env, ctx) {
    if (batch.queue === EMAIL_QUEUE) return consumeEmailJobs(batch as MessageBatch<EmailJob>, env);
    return consumeWebhooks(batch as MessageBatch<WebhookEvent>, env, ctx);
  },
  /** Cron (wrangler.toml [triggers]): the e-mail sweep every 10 minutes, daily housekeeping. */
  async scheduled(controller, env, _ctx) {
    const db = createDb(env.DB);
    if (controller.cron === EMAIL_SWEEP_CRON) {
      console.log("email sweep", await sweepEmails(db, env));
      return;
    }
    const removed = await cleanUp(db);
    console.log("cleanup", removed);
  },
} satisfies ExportedHandler<Env, WebhookEvent | EmailJob>;
