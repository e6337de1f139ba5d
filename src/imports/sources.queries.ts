import { and, eq, inArray, sql } from "drizzle-orm";
import { inLists, runBatch, type BatchStatement, type Db } from "../db/client";
import { importSources, users } from "../db/schema";

export type SourceRow = typeof importSources.$inferSelect;
export type SourceKind = SourceRow["kind"];

/** What earlier imports (or earlier chunks) remembered of these source ids, per kind: one batch. */
export async function rememberedSources(db: Db, siteId: string, wanted: Partial<Record<SourceKind, string[]>>): Promise<Map<string, SourceRow>> {
  const selects: BatchStatement[] = [];
  for (const kind of Object.keys(wanted) as SourceKind[]) {
    for (const part of inLists([...new Set(wanted[kind] ?? [])], 3)) {
      selects.push(
        db
          .select()
          .from(importSources)
          .where(and(eq(importSources.siteId, siteId), eq(importSources.kind, kind), inArray(importSources.sourceId, part))),
      );
    }
  }
  const found = new Map<string, SourceRow>();
  for (const rows of (await runBatch(db, selects)) as SourceRow[][]) for (const row of rows) found.set(`${row.kind}|${row.sourceId}`, row);
  return found;
}

/** Remembers a source id; the first import to claim it wins (a concurrent one finds it taken). */
export function rememberSource(db: Db, row: SourceRow): BatchStatement {
  return db.insert(importSources).values(row).onConflictDoNothing();
}

/** True when `localId` is what this source id maps to: guards the rows written for it. */
export function claimed(siteId: string, kind: SourceKind, sourceId: string, localId: string) {
  return sql`exists (select 1 from ${importSources} where ${importSources.siteId} = ${siteId} and ${importSources.kind} = ${kind} and ${importSources.sourceId} = ${sourceId} and ${importSources.localId} = ${localId})`;
}

/** An imported author: a user of the site with a display name and no way to log in. */
export function insertImportedAuthor(db: Db, author: { id: string; siteId: string; name: string; key: string; importId: string; at: number }): BatchStatement {
  return db.run(sql`
    insert into ${users} (id, site_id, display_name, import_id, created_at, updated_at)
    select ${author.id}, ${author.siteId}, ${author.name}, ${author.importId}, ${author.at}, ${author.at}
    where ${claimed(author.siteId, "author", author.key, author.id)}`);
}
