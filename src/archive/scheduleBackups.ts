import { asc, gt } from "drizzle-orm";
import { createDb, type Db } from "../db/client";
import { sites } from "../db/schema";
import { findSite } from "../sites/sites.queries";
import type { Env } from "../env";
import type { BackupMessage } from "./backupMessage";
import { backUpSite } from "./backups";

export const BACKUP_QUEUE = "marginalia-backups";

/** Site ids a page; also the most messages one `sendBatch` takes. */
const SITES_PER_PAGE = 100;

async function* allSiteIds(db: Db): AsyncGenerator<string[]> {
  let after: string | undefined;
  for (;;) {
    const rows = await db
      .select({ id: sites.id })
      .from(sites)
      .where(after === undefined ? undefined : gt(sites.id, after))
      .orderBy(asc(sites.id))
      .limit(SITES_PER_PAGE);
    if (rows.length > 0) yield rows.map((r) => r.id);
    if (rows.length < SITES_PER_PAGE) return;
    after = rows.at(-1)?.id;
  }
}

/**
 * The cron's part: one backup message per site on the `BACKUPS` queue, so each site is backed
 * up in a consumer invocation of its own (its own CPU time and subrequest budget) rather than
 * all of them inside the cron's. Without the queue (a deployment that did not create it), sites
 * are backed up one after another here, which suits a handful of small sites only.
 */
export async function scheduleBackups(env: Env): Promise<{ sites: number; queued: boolean; failed: string[] }> {
  const failed: string[] = [];
  if (!env.ARCHIVE) {
    console.warn("backups skipped: no ARCHIVE bucket bound");
    return { sites: 0, queued: false, failed };
  }
  const db = createDb(env.DB);
  let count = 0;
  for await (const ids of allSiteIds(db)) {
    count += ids.length;
    if (env.BACKUPS) await env.BACKUPS.sendBatch(ids.map((siteId) => ({ body: { siteId } })));
    else {
      // One site's failure does not cost the others their backup.
      for (const siteId of ids) await backUpOne(env, env.ARCHIVE, siteId).catch(() => failed.push(siteId));
    }
  }
  if (failed.length > 0) throw new Error(`Backups failed for ${failed.join(", ")}`);
  return { sites: count, queued: env.BACKUPS !== undefined, failed };
}

async function backUpOne(env: Env, bucket: R2Bucket, siteId: string) {
  try {
    const done = await backUpSite(createDb(env.DB), bucket, siteId);
    console.log("backup", siteId, done.date, done.size, "bytes; pruned", done.pruned);
  } catch (error) {
    console.warn("backup failed", siteId, String(error));
    throw error;
  }
}

/** Queue consumer of `marginalia-backups`: one site a message, retried on failure; a site gone since is dropped. */
export async function consumeBackups(batch: MessageBatch<BackupMessage>, env: Env): Promise<void> {
  for (const message of batch.messages) {
    const bucket = env.ARCHIVE;
    if (!bucket) {
      message.retry({ delaySeconds: 3600 });
      continue;
    }
    try {
      if (await findSite(createDb(env.DB), message.body.siteId)) await backUpOne(env, bucket, message.body.siteId);
      message.ack();
    } catch {
      message.retry({ delaySeconds: 300 });
    }
  }
}
