import { lt } from "drizzle-orm";
import type { Db } from "../db/client";
import { runBatch } from "../db/client";
import { idempotencyKeys, sessions } from "../db/schema";

/** How long a retried POST can still find the comment its Idempotency-Key created. */
export const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;

/**
 * Daily housekeeping (cron): drops expired sessions and idempotency keys past their window,
 * both through their own indexes. Returns how many rows went.
 */
export async function cleanUp(db: Db, now = Date.now()) {
  const [expiredSessions, oldKeys] = (await runBatch(db, [
    db.delete(sessions).where(lt(sessions.expiresAt, now)),
    db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, now - IDEMPOTENCY_TTL_MS)),
  ])) as D1Result[];
  return { sessions: expiredSessions!.meta.changes, idempotencyKeys: oldKeys!.meta.changes };
}
