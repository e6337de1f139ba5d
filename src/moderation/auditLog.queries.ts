import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { moderationActions } from "../db/schema";

export interface LogFilter {
  siteId: string;
  commentId?: string;
  userId?: string;
}

/**
 * A page of the audit log, newest first, for a site, or one comment or user of it (each
 * through its own index). Returns limit + 1 rows.
 */
export async function auditPage(db: Db, filter: LogFilter, after: { at: number; id: string } | undefined, limit: number) {
  const where: SQL[] = [eq(moderationActions.siteId, filter.siteId)];
  if (filter.commentId) where.push(eq(moderationActions.commentId, filter.commentId));
  if (filter.userId) where.push(eq(moderationActions.userId, filter.userId));
  if (after) where.push(sql`(${moderationActions.createdAt}, ${moderationActions.id}) < (${after.at}, ${after.id})`);
  return db
    .select()
    .from(moderationActions)
    .where(and(...where))
    .orderBy(desc(moderationActions.createdAt), desc(moderationActions.id))
    .limit(limit + 1)
    .all();
}
