import { createApp } from "./app";
import type { BackupMessage } from "./archive/backupMessage";
import { BACKUP_QUEUE, consumeBackups, scheduleBackups } from "./archive/scheduleBackups";
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
  /** Webhook deliveries, site backups and import jobs (wrangler.toml [[queues.consumers]]), told apart by queue. */
  async queue(batch, env, ctx) {
    if (batch.queue === BACKUP_QUEUE) return consumeBackups(batch as MessageBatch<BackupMessage>, env);
    if (batch.queue === IMPORTS_QUEUE) return consumeImports(batch as MessageBatch<ImportJob>, env);
    return consumeWebhooks(batch as MessageBatch<WebhookEvent>, env, ctx);
  },
  /** Cron (wrangler.toml [triggers]): daily housekeeping, then a backup of every site. */
  async scheduled(_controller, env, _ctx) {
    // Independent jobs: a failing clean-up does not cost a day's backups, nor the reverse.
    const [cleanup, backups] = await Promise.allSettled([cleanUp(createDb(env.DB)), scheduleBackups(env)]);
    console.log("cleanup", cleanup, "backups", backups);
    const failed = [cleanup, backups].find((job) => job.status === "rejected");
    if (failed) throw failed.reason;
  },
} satisfies ExportedHandler<Env, WebhookEvent | BackupMessage | ImportJob>;
