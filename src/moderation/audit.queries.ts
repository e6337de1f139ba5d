import { sql, type SQL } from "drizzle-orm";
import type { BatchStatement, Db } from "../db/client";
import { authorDecisions, moderationActions, type CommentStatus } from "../db/schema";
import { dayOf } from "../lib/iso";
import { newId } from "../lib/ids";

export type AuditEntry = Omit<typeof moderationActions.$inferInsert, "id" | "createdAt"> & { createdAt?: number };

/**
 * Writes one audit entry, only when `guard` holds, so an action that lost a race leaves no
 * trace of something that did not happen.
 */
export function auditStatement(db: Db, entry: AuditEntry, guard: SQL = sql`1`): BatchStatement {
  const id = newId(entry.createdAt);
  return db.run(sql`
    insert into ${moderationActions} (id, site_id, comment_id, user_id, actor_type, actor_id, action, status_before, status_after, reason, details, created_at)
    select ${id}, ${entry.siteId}, ${entry.commentId ?? null}, ${entry.userId ?? null}, ${entry.actorType}, ${entry.actorId ?? null},
           ${entry.action}, ${entry.statusBefore ?? null}, ${entry.statusAfter ?? null}, ${entry.reason ?? null},
           ${entry.details ? JSON.stringify(entry.details) : null}, ${entry.createdAt ?? Date.now()}
    where ${guard}`);
}

/** The audit action of the pipeline's verdict on a new or edited comment. */
export function automaticAction(status: CommentStatus): "auto_publish" | "auto_hold" | "auto_reject" {
  return status === "published" ? "auto_publish" : status === "pending" ? "auto_hold" : "auto_reject";
}

/** Audit actions that decide a comment's fate, and those among them that reject it. */
const decisionActions: readonly string[] = ["auto_publish", "auto_reject", "approve", "reject"];
const rejectionActions: readonly string[] = ["auto_reject", "reject"];

/**
 * The audit entry plus, for a decision on a comment, its author's daily decision counters
 * (what the trust check reads), both under the same guard.
 */
export function auditStatements(db: Db, entry: AuditEntry, guard: SQL = sql`1`): BatchStatement[] {
  const statements = [auditStatement(db, entry, guard)];
  if (entry.userId && decisionActions.includes(entry.action)) {
    const rejected = rejectionActions.includes(entry.action) ? 1 : 0;
    statements.push(
      db.run(sql`
      insert into ${authorDecisions} (site_id, user_id, day, decisions, rejections)
      select ${entry.siteId}, ${entry.userId}, ${dayOf(entry.createdAt ?? Date.now())}, 1, ${rejected} where ${guard}
      on conflict (site_id, user_id, day) do update set decisions = ${authorDecisions.decisions} + 1, rejections = ${authorDecisions.rejections} + excluded.rejections`),
    );
  }
  return statements;
}
