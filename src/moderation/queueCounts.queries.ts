import { sql, type SQL } from "drizzle-orm";
import type { BatchStatement, Db } from "../db/client";
import { queueCounts, type Queue } from "../db/schema";

/** Adds `delta` to a site's queue size when `guard` holds (the state change really happened). */
export function bumpQueue(db: Db, siteId: string, queue: Queue, delta: number, guard: SQL): BatchStatement {
  return db.run(sql`
    insert into ${queueCounts} (site_id, queue, count) select ${siteId}, ${queue}, ${delta} where ${guard}
    on conflict (site_id, queue) do update set count = ${queueCounts.count} + excluded.count`);
}

/** Count updates for a comment moving from one queue to another (none when it stays). */
export function queueMove(db: Db, siteId: string, from: Queue | null, to: Queue | null, guard: SQL): BatchStatement[] {
  if (from === to) return [];
  return [...(from ? [bumpQueue(db, siteId, from, -1, guard)] : []), ...(to ? [bumpQueue(db, siteId, to, 1, guard)] : [])];
}
