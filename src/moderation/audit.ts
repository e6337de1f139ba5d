import { sql, type SQL } from "drizzle-orm";
import type { BatchStatement, Db } from "../db/client";
import type { moderationActions } from "../db/schema";
import { newId } from "../lib/ids";

export type AuditEntry = Omit<typeof moderationActions.$inferInsert, "id" | "createdAt"> & { createdAt?: number };

/**
 * Writes one audit entry, only when `guard` holds, so an action that lost a race leaves no
 * trace of something that did not happen.
 */
export function auditStatement(db: Db, entry: AuditEntry, guard: SQL = sql`1`): BatchStatement {
  const id = newId(entry.createdAt);
  return db.run(sql`
    insert into moderation_actions (id, site_id, comment_id, user_id, actor_type, actor_id, action, status_before, status_after, reason, details, created_at)
    select ${id}, ${entry.siteId}, ${entry.commentId ?? null}, ${entry.userId ?? null}, ${entry.actorType}, ${entry.actorId ?? null},
           ${entry.action}, ${entry.statusBefore ?? null}, ${entry.statusAfter ?? null}, ${entry.reason ?? null},
           ${entry.details ? JSON.stringify(entry.details) : null}, ${entry.createdAt ?? Date.now()}
    where ${guard}`);
}
