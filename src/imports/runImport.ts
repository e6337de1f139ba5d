import { and, eq, sql } from "drizzle-orm";
import { ExportFormatError } from "../archive/exportFormatError";
import { createDb, runBatch, runSteps, type Db } from "../db/client";
import { comments, importSources, users, type ImportRow } from "../db/schema";
import type { Env } from "../env";
import { DISQUS_CONTAINER, fromDisqus } from "./disqus";
import { importChunk, type ImportContext } from "./importChunk";
import { claimRun, findImportById, mergeErrors, releaseRun, saveProgress, setImportStatus, settleCounts } from "./imports.queries";
import type { ImportJob, RunLimits } from "./importJob";
import { importKeys, isUnpacked, prepareExport } from "./prepareExport";
import { restoreExport } from "./restoreExport";
import { rollBack } from "./rollBack";
import type { SourceRecord } from "./sourceRecords";
import { ImportFormatError, readRecords, type XmlNode } from "./xmlRecords";
import { WXR_CONTAINER, fromWxr } from "./wxr";

const DEFAULT_LIMITS: RunLimits = { chunkRecords: 100, chunksPerRun: 3 };

const FORMATS: Record<string, { container: string[]; read: (node: XmlNode) => SourceRecord[] }> = {
  disqus: { container: DISQUS_CONTAINER, read: fromDisqus },
  wxr: { container: WXR_CONTAINER, read: fromWxr },
};

/**
 * Processes one import job: reads the file from R2 where the last run stopped, writes it in
 * chunks (one D1 batch each, with the progress), and either re-enqueues itself, finishes, or
 * — when the file is not the format or breaks off — fails and takes back all it wrote.
 * One run at a time holds the import (a lease): a duplicate delivery answers "busy" and is
 * retried later. Returns what happened (for tests and logs).
 */
export async function runImport(env: Env, job: ImportJob, limits: RunLimits = DEFAULT_LIMITS, now = Date.now()): Promise<RunOutcome> {
  const db = createDb(env.DB);
  if (!(await claimRun(db, job.importId, now))) return "busy";
  try {
    const outcome = await runClaimed(env, db, job, limits, now);
    // Released before the next run is enqueued, so that run finds it free.
    await releaseRun(db, job.importId);
    if (outcome === "continue") await env.IMPORTS?.send({ importId: job.importId });
    return outcome;
  } catch (error) {
    await releaseRun(db, job.importId).catch(() => {});
    throw error;
  }
}

type RunOutcome = "continue" | "done" | "failed" | "rolled_back" | "ignored" | "busy";

async function runClaimed(env: Env, db: Db, job: ImportJob, limits: RunLimits, now: number): Promise<Exclude<RunOutcome, "busy">> {
  const row = await findImportById(db, job.importId);
  if (!row || row.status === "done" || row.status === "uploading") return "ignored";
  if (row.status === "failed") {
    // Taking a failed import back, on from where the last run stopped (or was cut short).
    return (await rollBack(db, row.siteId, row.id, limits.rollback)) ? "failed" : "continue";
  }
  if (row.status === "rolling_back" || row.status === "rolled_back") {
    // An admin took the finished import back (takeBackImport); again after an interruption.
    if (!(await rollBack(db, row.siteId, row.id, limits.rollback))) return "continue";
    if (row.status === "rolling_back") await setImportStatus(db, row.id, "rolled_back", now);
    return "rolled_back";
  }
  const format = row.format === "marginalia" ? "marginalia" : FORMATS[row.format];
  const archive = env.ARCHIVE;
  if (!format || !archive)
    return fail(
      env,
      db,
      row,
      new ImportFormatError(format ? "The uploaded file is missing from storage" : `Format ${row.format} cannot be imported`),
      now,
      limits,
    );
  if (row.status === "queued") await setImportStatus(db, row.id, "running", now);

  const ctx: ImportContext = { siteId: row.siteId, importId: row.id, rule: row.articleRule ? new RegExp(row.articleRule) : undefined, now };
  if (format === "marginalia") return runRestore(env, db, archive, row, ctx, limits);
  let resume = { offset: row.resumeOffset, line: row.resumeLine };
  let buffer: SourceRecord[] = [];
  let chunks = 0;
  const commit = async () => {
    const { statements, tally } = await importChunk(db, ctx, buffer);
    await runBatch(db, [...statements, saveProgress(db, row, tally, resume, Date.now())]);
    row.errors = mergeErrors(row.errors, tally.errors);
    buffer = [];
    chunks++;
  };
  try {
    const body = await storedBody(archive, row.r2Key, row.resumeOffset);
    for await (const records of readRecords(body, format.container, resume)) {
      for (const record of records) {
        for (const source of format.read(record.node)) {
          buffer.push(source);
          // A record with many comments (a WordPress post) spans chunks; a resume redoes it, adding nothing twice.
          if (buffer.length >= limits.chunkRecords) await commit();
        }
        resume = record.end;
        if (chunks >= limits.chunksPerRun && env.IMPORTS) {
          // The rest of this run with where the file stands; the next invocation reads on from there.
          await commit();
          return "continue";
        }
      }
    }
    if (buffer.length) await commit();
  } catch (error) {
    if (error instanceof ImportFormatError) return fail(env, db, row, error, now, limits);
    throw error;
  }
  await settleCounts(db, row.id, await removeUnansweredPlaceholders(db, row.id), Date.now());
  await discardUpload(env, row);
  return "done";
}

/** A run of a Marginalia export's restore: the first prepares the file (checked whole, unpacked), every run restores from where the last stopped. */
async function runRestore(env: Env, db: Db, archive: R2Bucket, row: ImportRow, ctx: ImportContext, limits: RunLimits): Promise<"continue" | "done" | "failed"> {
  try {
    const prepared = isUnpacked(row) ? row : await prepareExport(db, archive, row);
    const file = (offset: number) => storedBody(archive, prepared.r2Key, offset);
    const outcome = await restoreExport(db, ctx, prepared, await file(prepared.resumeOffset), () => file(0), limits, env.IMPORTS !== undefined);
    if (outcome === "done") {
      await settleCounts(db, row.id, 0, Date.now());
      await discardUpload(env, prepared);
    }
    return outcome;
  } catch (error) {
    // The archive's reader names what is wrong with the file; to the import that is a format error like any other.
    const failure = error instanceof ExportFormatError ? new ImportFormatError(error.message, error.line) : error;
    if (failure instanceof ImportFormatError) return fail(env, db, row, failure, ctx.now, limits);
    throw error;
  }
}

/** The import's file in R2 from byte `offset` on (where the last run stopped). */
async function storedBody(archive: R2Bucket, key: string, offset: number): Promise<ReadableStream<Uint8Array>> {
  const object = await archive.get(key, offset > 0 ? { range: { offset } } : undefined);
  if (!object) throw new ImportFormatError("The uploaded file is missing from storage");
  return object.body;
}

async function fail(env: Env, db: Db, row: ImportRow, error: ImportFormatError, now: number, limits: RunLimits): Promise<"failed" | "continue"> {
  const fatal = { ...(error.line ? { line: error.line } : {}), message: error.message };
  await setImportStatus(db, row.id, "failed", now, [fatal, ...row.errors].slice(0, 100));
  await discardUpload(env, row);
  // What a large import wrote is taken back over several runs (the status says failed from now on).
  return (await rollBack(db, row.siteId, row.id, limits.rollback)) ? "failed" : "continue";
}

/**
 * Deletes the uploaded file once its import is settled (done, or failed and taken back): an
 * export carries readers' e-mail addresses and every deleted comment's text, which must not
 * outlive the import in storage. Nothing reads it again: a redelivered job of a settled import
 * stops before reading.
 */
async function discardUpload(env: Env, row: ImportRow): Promise<void> {
  await env.ARCHIVE?.delete(row.format === "marginalia" ? importKeys(row) : row.r2Key);
}

/**
 * Deleted top-level posts were kept as placeholders in case replies came; those none answered
 * go (their source ids stay remembered, pointing nowhere), with authors left without comments.
 * One batch, each statement one pass over the import's rows. Returns how many placeholders went.
 */
async function removeUnansweredPlaceholders(db: Db, importId: string): Promise<number> {
  const unanswered = sql`select ${comments.id} from ${comments} where ${comments.importId} = ${importId} and ${comments.deleted} = 1
    and ${comments.parentId} is null and not exists (select 1 from ${comments} r where r.parent_id = ${comments.id})`;
  const orphan = sql`${users.importId} = ${importId} and not exists (select 1 from ${comments} c where c.author_id = ${users.id})`;
  const { removed } = await runSteps(db, {
    forget: db
      .update(importSources)
      .set({ localId: null })
      .where(and(eq(importSources.importId, importId), eq(importSources.kind, "post"), sql`${importSources.localId} in (${unanswered})`)),
    removed: db.delete(comments).where(sql`${comments.id} in (${unanswered})`),
    authorSources: db
      .delete(importSources)
      .where(
        and(
          eq(importSources.importId, importId),
          eq(importSources.kind, "author"),
          sql`${importSources.localId} in (select ${users.id} from ${users} where ${orphan})`,
        ),
      ),
    authors: db.delete(users).where(orphan),
  });
  return removed.meta.changes;
}
