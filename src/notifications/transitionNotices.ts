import type { SQL } from "drizzle-orm";
import type { BatchStatement, Db } from "../db/client";
import type { Comment } from "../db/schema";
import { decisionNotice, replyNotice } from "./notices.queries";

/** Who decided a change of state, and why (the audit entry's fields). */
interface Decider {
  actorType: string;
  reason: string | null;
  createdAt?: number;
}

/**
 * The notifications a change of a comment's state causes, for its transition's batch (guarded
 * on the transition applying): a moderator publishing a held comment tells its author
 * ("approved"), rejecting one tells them why ("rejected"), and a reply that becomes public
 * tells the thread's author. Automatic changes (reports hiding a comment) notify nobody but
 * the thread's author of a reply that reappears (once per reply, whatever the path).
 */
export function transitionNotices(db: Db, before: Comment, after: Comment, decider: Decider | undefined, guard: SQL): BatchStatement[] {
  const now = decider?.createdAt ?? Date.now();
  const human = decider !== undefined && decider.actorType !== "system";
  const statements: BatchStatement[] = [];
  // Held by the pipeline (not hidden by reports, which sets reportedAt): the author waits for this answer.
  const held = before.status === "pending" && before.reportedAt === null;
  if (human && held && after.status === "published") statements.push(decisionNotice(db, before, "approved", null, guard, now));
  if (human && before.status !== "rejected" && after.status === "rejected") statements.push(decisionNotice(db, before, "rejected", decider.reason, guard, now));
  if (before.status !== "published" && after.status === "published") statements.push(...replyNotice(db, before, guard, now));
  return statements;
}
