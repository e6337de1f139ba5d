import type { Db } from "../../db/client";
import type { Env } from "../../env";
import { readersDue } from "./emailDue.queries";

/** Messages per Queue.sendBatch call (the Queues limit). */
const SEND_BATCH = 100;

/**
 * The e-mail sweep (every 10 minutes, wrangler.toml): hands each reader due an e-mail to the
 * NOTIFY_EMAILS queue. A first notification goes out within minutes; what follows within the
 * hour waits and goes as one digest. Returns how many readers were queued.
 */
export async function sweepEmails(db: Db, env: Pick<Env, "NOTIFY_EMAILS">, now = Date.now()): Promise<number> {
  const queue = env.NOTIFY_EMAILS;
  if (!queue) return 0;
  const due = await readersDue(db, now);
  for (let i = 0; i < due.length; i += SEND_BATCH) {
    await queue.sendBatch(due.slice(i, i + SEND_BATCH).map((userId) => ({ body: { userId } })));
  }
  return due.length;
}
