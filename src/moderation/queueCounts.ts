import { sql, type SQL } from "drizzle-orm";
import type { BatchStatement, Db } from "../db/client";
import type { Comment, Queue } from "../db/schema";

/**
 * The one queue a comment sits in, if any: reported (until a moderator decides) wins over its
 * status; then pending, rejected, and approved (published after a moderator's decision).
 */
export function queueOf(c: Pick<Comment, "status" | "reportedAt" | "reviewedAt" | "deleted">): Queue | null {
  if (c.deleted) return null;
  if (c.reportedAt !== null && c.status !== "rejected") return "reported";
  if (c.status === "pending") return "pending";
  if (c.status === "rejected") return "rejected";
  return c.reviewedAt !== null ? "approved" : null;
}

/** Adds `delta` to a site's queue size when `guard` holds (the state change really happened). */
export function bumpQueue(db: Db, siteId: string, queue: Queue, delta: number, guard: SQL): BatchStatement {
  return db.run(sql`
    insert into queue_counts (site_id, queue, count) select ${siteId}, ${queue}, ${delta} where ${guard}
    on conflict (site_id, queue) do update set count = count + excluded.count`);
}

/** Count updates for a comment moving from one queue to another (none when it stays). */
export function queueMove(db: Db, siteId: string, from: Queue | null, to: Queue | null, guard: SQL): BatchStatement[] {
  if (from === to) return [];
  return [
    ...(from ? [bumpQueue(db, siteId, from, -1, guard)] : []),
    ...(to ? [bumpQueue(db, siteId, to, 1, guard)] : []),
  ];
}
