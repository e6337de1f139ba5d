import { createApp } from "./app";
import type { BackupMessage } from "./archive/backupMessage";
import { BACKUP_QUEUE, consumeBackups, scheduleBackups } from "./archive/scheduleBackups";
import { createDb } from "./db/client";
import type { Env } from "./env";
import { consumeImports } from "./imports/consumeImports";
import type { ImportJob } from "./imports/importJob";
import { cleanUp } from "./maintenance/cleanup";
import { relearnStaleSites } from "./moderation/adaptation/relearnStaleSites";
import { consumeEmailJobs } from "./notifications/email/deliverEmail";
import type { EmailJob } from "./notifications/email/emailJob";
import { sweepEmails } from "./notifications/email/emailSweep";
import type { WebhookEvent } from "./notifications/events";
import { consumeWebhooks } from "./notifications/webhooks";

const app = createApp();

/** The queues this Worker consumes besides webhook deliveries (wrangler.toml). */
const IMPORTS_QUEUE = "marginalia-imports";
const EMAIL_QUEUE = "marginalia-notify-emails";
/** The cron of the notification e-mail sweep (wrangler.toml [triggers]); the other one is the daily job. */
const EMAIL_SWEEP_CRON = "*/10 * * * *";

type Message = WebhookEvent | BackupMessage | ImportJob | EmailJob;

export default {
  fetch: app.fetch,
  /** Webhook deliveries, site backups, import jobs and notification e-mails, told apart by queue. */
  async queue(batch, env, ctx) {
    if (batch.queue === BACKUP_QUEUE) return consumeBackups(batch as MessageBatch<BackupMessage>, env);
    if (batch.queue === IMPORTS_QUEUE) return consumeImports(batch as MessageBatch<ImportJob>, env);
    if (batch.queue === EMAIL_QUEUE) return consumeEmailJobs(batch as MessageBatch<EmailJob>, env);
    return consumeWebhooks(batch as MessageBatch<WebhookEvent>, env, ctx);
  },
  /**
   * Cron (wrangler.toml [triggers]): the e-mail sweep every 10 minutes; daily housekeeping, a
   * backup of every site, and relearning the sites learnt over a previous base model.
   */
  async scheduled(controller, env, _ctx) {
    const db = createDb(env.DB);
    if (controller.cron === EMAIL_SWEEP_CRON) {
      console.log("email sweep", await sweepEmails(db, env));
      return;
    }
    // Independent jobs: a failing clean-up does not cost a day's backups, nor the reverse.
    const [cleanup, backups, relearning] = await Promise.allSettled([cleanUp(db), scheduleBackups(env), relearnStaleSites(db)]);
    console.log("cleanup", cleanup, "backups", backups, "relearning", relearning);
    const failed = [cleanup, backups, relearning].find((job) => job.status === "rejected");
    if (failed) throw failed.reason;
  },
} satisfies ExportedHandler<Env, Message>;
