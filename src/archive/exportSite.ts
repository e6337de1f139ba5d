import type { Db } from "../db/client";
import { iso } from "../lib/iso";
import {
  articlePager,
  authorPager,
  banPager,
  identityPager,
  moderationActionPager,
  moderatorPager,
  type Pager,
  replyPager,
  reportPager,
  siteWithProviders,
  topLevelCommentPager,
} from "./export.queries";
import { EXPORT_VERSION, type ExportRecord } from "./exportFormat";
import {
  toArticleRecord,
  toAuthorRecord,
  toBanRecord,
  toCommentRecord,
  toIdentityRecord,
  toModerationActionRecord,
  toModeratorRecord,
  toReportRecord,
  toSiteRecord,
} from "./toExportRecords";

/**
 * Rows a page reads. Each page is one D1 call, and an invocation has a budget of them (the
 * subrequest limit), so pages are large; 500 comments of 3,000 Korean characters are still
 * under 5 MB in memory.
 */
const PAGE_SIZE = 500;
const CHUNK_CHARS = 64 * 1024;

export interface ExportOptions {
  /** Rows per keyset page (tests make it small to cross page boundaries). */
  pageSize?: number;
  now?: number;
}

/** Every row of one kind for the site, page by page: at most one page in memory. */
async function* allRows<Row, Key>(db: Db, siteId: string, pager: Pager<Row, Key>, pageSize: number, until: number): AsyncGenerator<Row> {
  let after: Key | undefined;
  for (;;) {
    const rows = await pager.page(db, siteId, after, pageSize, until);
    yield* rows;
    const last = rows.at(-1);
    if (rows.length < pageSize || last === undefined) return;
    after = pager.keyOf(last);
  }
}

/**
 * The site's records in export order (see exportFormat.ts), read a keyset page at a time: the
 * header, the site, articles, authors, identities, top-level comments then replies, reports,
 * moderators, bans, the audit log, and the trailer with the count of each type.
 */
async function* exportRecords(db: Db, siteId: string, options: ExportOptions = {}): AsyncGenerator<ExportRecord> {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const startedAt = options.now ?? Date.now();
  const counts: Record<string, number> = {};
  const counted = (record: ExportRecord) => {
    counts[record.type] = (counts[record.type] ?? 0) + 1;
    return record;
  };
  const { site, providers } = await siteWithProviders(db, siteId);
  if (!site) throw new Error(`No site '${siteId}' to export`);
  yield { type: "marginalia-export", version: EXPORT_VERSION, siteId, exportedAt: iso(startedAt) };
  yield counted(toSiteRecord(site, providers));
  for await (const row of allRows(db, siteId, articlePager, pageSize, startedAt)) yield counted(toArticleRecord(row));
  for await (const row of allRows(db, siteId, authorPager, pageSize, startedAt)) yield counted(toAuthorRecord(row));
  for await (const row of allRows(db, siteId, identityPager, pageSize, startedAt)) yield counted(toIdentityRecord(row, siteId));
  for await (const row of allRows(db, siteId, topLevelCommentPager, pageSize, startedAt)) yield counted(toCommentRecord(row));
  for await (const row of allRows(db, siteId, replyPager, pageSize, startedAt)) yield counted(toCommentRecord(row));
  for await (const row of allRows(db, siteId, reportPager, pageSize, startedAt)) yield counted(toReportRecord(row));
  for await (const row of allRows(db, siteId, moderatorPager, pageSize, startedAt)) yield counted(toModeratorRecord(row));
  for await (const row of allRows(db, siteId, banPager, pageSize, startedAt)) yield counted(toBanRecord(row));
  for await (const row of allRows(db, siteId, moderationActionPager, pageSize, startedAt)) yield counted(toModerationActionRecord(row));
  yield { type: "marginalia-export-end", counts };
}

/**
 * The site's export as gzipped NDJSON bytes, produced as they are read (pulled: a slow reader
 * slows the reads down, and memory stays at one page of rows plus the compressor's window).
 *
 * @example
 * return c.body(exportStream(db, site.id), 200, exportHeaders(exportFileName(site.id, "2026-11-30")));
 */
export function exportStream(db: Db, siteId: string, options: ExportOptions = {}): ReadableStream<Uint8Array> {
  const records = exportRecords(db, siteId, options);
  const lines = new ReadableStream<string>({
    // Lines go down the pipe in chunks of about 64 KB: a chunk a line would cost each record a
    // trip through the encoder and the compressor.
    async pull(controller) {
      let chunk = "";
      while (chunk.length < CHUNK_CHARS) {
        const next = await records.next();
        if (next.done) {
          if (chunk) controller.enqueue(chunk);
          controller.close();
          return;
        }
        chunk += `${JSON.stringify(next.value)}\n`;
      }
      controller.enqueue(chunk);
    },
    async cancel() {
      await records.return(undefined);
    },
  });
  return lines.pipeThrough(new TextEncoderStream()).pipeThrough(new CompressionStream("gzip"));
}

/** An export's file name: `marginalia-<site>-<YYYY-MM-DD>.ndjson.gz`. */
export const exportFileName = (siteId: string, day: string) => `marginalia-${siteId}-${day}.ndjson.gz`;

/**
 * Headers of an export download: a gzip file to save (`application/gzip`, attachment), not a
 * gzip-encoded NDJSON body (`Content-Encoding: gzip` would have clients and proxies unpack it
 * on the way and save plain text under a `.gz` name).
 */
export function exportHeaders(fileName: string): Record<string, string> {
  return {
    "Content-Type": "application/gzip",
    "Content-Disposition": `attachment; filename="${fileName}"`,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  };
}
