import { eq, sql } from "drizzle-orm";
import type { SiteExportRecord } from "../archive/exportFormat";
import { exportLines } from "../archive/exportLines";
import { type ParsedLine, parseExportLine, skimExportLine } from "../archive/parseExportLine";
import { readExportFrom } from "../archive/readExport";
import { runBatch, type BatchStatement, type Db } from "../db/client";
import { articles, comments, imports, sites, type ImportError, type ImportRow } from "../db/schema";
import { siteSettingsPatchSchema, siteSettingsSchema } from "../sites/settings";
import type { ImportContext } from "./importChunk";
import { mergeErrors, saveProgress } from "./imports.queries";
import { restoreChunk } from "./restoreChunk";
import type { RunLimits } from "./importJob";

/**
 * One run of a Marginalia export's import, after {@link prepareExport} checked the file whole and
 * unpacked it: `file` is the unpacked copy from the byte where the last run stopped
 * (`resumeOffset`, just after line `resumeLine`). Each chunk of records is one D1 batch with the
 * progress, which moves to the byte after the chunk's last line. The site record's settings are
 * applied after the last chunk (read again from the file's head when an earlier run passed it),
 * so an import that fails leaves the site's settings as they were. Returns "continue" when the
 * run's budget is spent.
 */
export async function restoreExport(
  db: Db,
  ctx: ImportContext,
  row: ImportRow,
  file: ReadableStream<Uint8Array>,
  head: () => Promise<ReadableStream<Uint8Array>>,
  limits: RunLimits,
  canContinue: boolean,
) {
  let site: SiteLine | undefined;
  let buffer: (ParsedLine & { end: number })[] = [];
  let chunks = 0;
  const commit = async () => {
    const { statements, tally } = await restoreChunk(db, ctx, buffer);
    const last = buffer.at(-1)!;
    await runBatch(db, [...statements, saveProgress(db, row, tally, { offset: last.end, line: last.line }, Date.now())]);
    row.errors = mergeErrors(row.errors, tally.errors);
    buffer = [];
    chunks++;
  };
  for await (const parsed of readExportFrom(file, { offset: row.resumeOffset, line: row.resumeLine })) {
    if (parsed.kind === "record" && parsed.record.type === "site") site = { record: parsed.record, line: parsed.line };
    if (!writable(parsed)) continue;
    buffer.push(parsed);
    if (buffer.length < limits.chunkRecords) continue;
    await commit();
    if (chunks >= limits.chunksPerRun && canContinue) return "continue";
  }
  if (buffer.length) await commit();
  site ??= await siteLineOf(await head());
  await runBatch(db, await finishing(db, ctx, row, site));
  return "done";
}

type SiteLine = { record: SiteExportRecord; line: number };

/** The file's site record (the second line, by the format; the first of its type, for a file written otherwise), reading of other lines only their type. */
async function siteLineOf(file: ReadableStream<Uint8Array>): Promise<SiteLine | undefined> {
  for await (const { text, line } of exportLines(file)) {
    if (text.trim() === "") continue;
    const skimmed = skimExportLine(text, line);
    if (skimmed.kind !== "unknown" || skimmed.type !== "site") continue;
    const parsed = parseExportLine(text, line);
    return parsed.kind === "record" && parsed.record.type === "site" ? { record: parsed.record, line } : undefined;
  }
  return undefined;
}

/** Lines a chunk writes: records of the site's content and invalid lines (reported); not the header, trailer, site or unknown types. */
function writable(parsed: ParsedLine): boolean {
  if (parsed.kind === "unknown") return false;
  if (parsed.kind === "invalid") return true;
  return !["marginalia-export", "marginalia-export-end", "site"].includes(parsed.record.type);
}

/**
 * The last batch: the file's settings over the site's (through the settings PATCH schema, so a
 * value this version refuses is reported, not stored; the webhook URL is the site's own), and
 * the article and reply counts recounted from the rows (author counts come from the triggers,
 * queue sizes were added per chunk). Runs again harmlessly if the run is cut short after it.
 */
async function finishing(db: Db, ctx: ImportContext, row: ImportRow, site: SiteLine | undefined): Promise<BatchStatement[]> {
  const statements: BatchStatement[] = [
    db.run(sql`update ${articles} set comment_count = (select count(*) from ${comments} c where c.site_id = ${articles.siteId} and c.article_id = ${articles.id}
        and c.status = 'published' and c.deleted = 0)
      where ${articles.siteId} = ${ctx.siteId} and ${articles.id} in (select article_id from ${comments} where ${comments.importId} = ${ctx.importId})`),
    db.run(sql`update ${comments} set reply_count = (select count(*) from ${comments} r where r.parent_id = ${comments.id} and r.status = 'published' and r.deleted = 0)
      where ${comments.importId} = ${ctx.importId} and ${comments.parentId} is null`),
  ];
  if (!site) return statements;
  const known = Object.keys(siteSettingsSchema.shape);
  const given = Object.fromEntries(Object.entries(site.record.settings).filter(([name]) => known.includes(name) && name !== "webhookUrl"));
  const patch = siteSettingsPatchSchema.safeParse(given);
  if (!patch.success) {
    const error: ImportError = {
      line: site.line,
      message: `site settings not applied: ${patch.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    };
    return [
      ...statements,
      db
        .update(imports)
        .set({ errors: mergeErrors(row.errors, [error]) })
        .where(eq(imports.id, row.id)),
    ];
  }
  const stored = (await db.select({ settings: sites.settings }).from(sites).where(eq(sites.id, ctx.siteId)).get())?.settings ?? {};
  const settings = siteSettingsSchema.parse({ ...stored, ...patch.data });
  return [...statements, db.update(sites).set({ settings, updatedAt: ctx.now }).where(eq(sites.id, ctx.siteId))];
}
