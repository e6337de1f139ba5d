import { and, desc, eq, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { articles, comments, imports, users, type ImportError, type ImportRow } from "../db/schema";
import type { Tally } from "./importChunk";

/** Errors kept per import: the first ones, enough to fix a file. */
const MAX_ERRORS = 100;

export async function findImport(db: Db, siteId: string, id: string): Promise<ImportRow | undefined> {
  return db
    .select()
    .from(imports)
    .where(and(eq(imports.siteId, siteId), eq(imports.id, id)))
    .get();
}

export async function findImportById(db: Db, id: string): Promise<ImportRow | undefined> {
  return db.select().from(imports).where(eq(imports.id, id)).get();
}

/** A site's imports, newest first, one keyset page. */
export async function listImports(db: Db, siteId: string, limit: number, after?: { at: number; id: string }): Promise<ImportRow[]> {
  const page = after ? or(lt(imports.createdAt, after.at), and(eq(imports.createdAt, after.at), lt(imports.id, after.id))) : undefined;
  return db
    .select()
    .from(imports)
    .where(and(eq(imports.siteId, siteId), page))
    .orderBy(desc(imports.createdAt), desc(imports.id))
    .limit(limit);
}

/** How long a run may hold an import: runs take seconds; a run that died frees it after this. */
const LEASE_MS = 2 * 60 * 1000;

/** Takes the import for one run unless another run holds it (a duplicate delivery of the job). */
export async function claimRun(db: Db, id: string, now: number): Promise<boolean> {
  const result = await db
    .update(imports)
    .set({ leaseUntil: now + LEASE_MS })
    .where(and(eq(imports.id, id), or(isNull(imports.leaseUntil), lt(imports.leaseUntil, now))))
    .run();
  return result.meta.changes > 0;
}

export async function releaseRun(db: Db, id: string): Promise<void> {
  await db.update(imports).set({ leaseUntil: null }).where(eq(imports.id, id));
}

/** Errors so far plus new ones, the same line and message once, at most MAX_ERRORS. */
export function mergeErrors(kept: ImportError[], added: ImportError[]): ImportError[] {
  const seen = new Set(kept.map((e) => `${e.line}|${e.message}`));
  const merged = [...kept];
  for (const error of added) {
    if (merged.length >= MAX_ERRORS) break;
    const key = `${error.line}|${error.message}`;
    if (!seen.has(key)) merged.push(error);
    seen.add(key);
  }
  return merged;
}

/** The progress statement of a chunk, in the chunk's own batch: counters, errors, where to resume. */
export function saveProgress(db: Db, row: ImportRow, tally: Tally, resume: { offset: number; line: number }, now: number) {
  return db
    .update(imports)
    .set({
      comments: sql`${imports.comments} + ${tally.comments}`,
      authors: sql`${imports.authors} + ${tally.authors}`,
      skipped: sql`${imports.skipped} + ${tally.skipped}`,
      rejected: sql`${imports.rejected} + ${tally.rejected}`,
      errors: mergeErrors(row.errors, tally.errors),
      resumeOffset: resume.offset,
      resumeLine: resume.line,
      updatedAt: now,
    })
    .where(eq(imports.id, row.id));
}

export async function setImportStatus(db: Db, id: string, status: ImportRow["status"], now: number, errors?: ImportError[]) {
  await db
    .update(imports)
    .set({ status, updatedAt: now, ...(errors ? { errors } : {}), ...(status === "done" || status === "failed" ? { finishedAt: now } : {}) })
    .where(eq(imports.id, id));
}

/** Final counters, read from the rows the import wrote (exact even after retried chunks). */
export async function settleCounts(db: Db, id: string, extraSkipped: number, now: number) {
  const mine = and(eq(comments.importId, id), eq(comments.deleted, false));
  await db.batch([
    db
      .update(imports)
      .set({
        articles: sql`(select count(*) from ${articles} where ${articles.importId} = ${id})`,
        comments: sql`(select count(*) from ${comments} where ${mine})`,
        rejected: sql`(select count(*) from ${comments} where ${mine} and ${comments.status} = 'rejected')`,
        authors: sql`(select count(*) from ${users} where ${users.importId} = ${id} and ${isNotNull(users.importId)})`,
        skipped: sql`${imports.skipped} + ${extraSkipped}`,
        status: "done",
        updatedAt: now,
        finishedAt: now,
      })
      .where(eq(imports.id, id)),
  ]);
}
