import type { Db } from "../db/client";
import { decodeKey, encodeKey } from "../lib/keysetCursor";
import { auditPage, type LogFilter } from "./auditLog.queries";
import { toAuditEntry } from "./moderation.schemas";

/**
 * A page of the audit log, newest first: a site's, or one comment's or user's on it. The cursor
 * is tied to the filter, so a page of one comment's log cannot continue another's.
 */
export async function listAuditLog(db: Db, filter: LogFilter, cursor: string | undefined, limit: number) {
  const scope = `${filter.commentId ?? ""}/${filter.userId ?? ""}`.slice(0, 32);
  const rows = await auditPage(db, filter, cursor ? decodeKey(cursor, scope) : undefined, limit);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    entries: page.map(toAuditEntry),
    nextCursor: rows.length > limit && last ? encodeKey({ at: last.createdAt, id: last.id }, scope) : null,
  };
}
