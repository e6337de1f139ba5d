import type { Db } from "../db/client";
import { dayOf } from "../lib/iso";
import { EXPORT_VERSION } from "./exportFormat";
import { type ExportOptions, exportStream } from "./exportSite";
import { uploadStream } from "./r2Upload";

/** Daily backups kept per site; older ones are deleted after each new one is stored. */
export const KEPT_BACKUPS = 7;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Where a site's backup of one day lives in the ARCHIVE bucket (imports use `imports/`). */
export const backupKey = (siteId: string, day: string) => `backups/${siteId}/${day}.ndjson.gz`;
const backupPrefix = (siteId: string) => `backups/${siteId}/`;

export interface BackupInfo {
  date: string;
  size: number;
  uploadedAt: string;
}

/**
 * Writes today's export of the site to `backups/<site>/<YYYY-MM-DD>.ndjson.gz` (replacing one
 * made earlier the same day), then deletes all but the newest {@link KEPT_BACKUPS}. A failed
 * upload stores nothing and deletes nothing.
 */
export async function backUpSite(db: Db, bucket: R2Bucket, siteId: string, options: ExportOptions & { partSize?: number } = {}) {
  const now = options.now ?? Date.now();
  const day = dayOf(now);
  const key = backupKey(siteId, day);
  const size = await uploadStream(bucket, key, exportStream(db, siteId, { ...options, now }), {
    httpMetadata: { contentType: "application/gzip" },
    customMetadata: { format: "marginalia-export", version: String(EXPORT_VERSION), siteId },
    partSize: options.partSize,
  });
  const pruned = await pruneBackups(bucket, siteId);
  return { key, date: day, size, pruned };
}

/** The site's backups, newest first. */
export async function listBackups(bucket: R2Bucket, siteId: string): Promise<BackupInfo[]> {
  const prefix = backupPrefix(siteId);
  const found: BackupInfo[] = [];
  let cursor: string | undefined;
  do {
    const page = await bucket.list({ prefix, cursor });
    for (const object of page.objects) {
      const date = object.key.slice(prefix.length).replace(/\.ndjson\.gz$/, "");
      if (DAY.test(date) && object.key === backupKey(siteId, date)) found.push({ date, size: object.size, uploadedAt: object.uploaded.toISOString() });
    }
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return found.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
}

/** Deletes all but the newest `keep` backups of the site; returns the dates deleted. */
export async function pruneBackups(bucket: R2Bucket, siteId: string, keep = KEPT_BACKUPS): Promise<string[]> {
  const old = (await listBackups(bucket, siteId)).slice(keep).map((b) => b.date);
  if (old.length > 0) await bucket.delete(old.map((date) => backupKey(siteId, date)));
  return old;
}
