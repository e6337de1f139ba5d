import { eq } from "drizzle-orm";
import { ExportCheck } from "../archive/exportCheck";
import { skimExportLine } from "../archive/parseExportLine";
import { type ExportPosition, exportLines, ungzipped } from "../archive/exportLines";
import { uploadStream } from "../archive/r2Upload";
import type { Db } from "../db/client";
import { imports, type ImportRow } from "../db/schema";
import { ImportFormatError } from "./xmlRecords";

const NEWLINE = new Uint8Array([0x0a]);
const UNPACKED = ".ndjson";

/** The key of an upload's checked, unpacked copy. */
const unpackedKey = (uploadKey: string) => `${uploadKey}${UNPACKED}`;

/** Whether an import's file is already the checked, unpacked copy (its restore runs read it from byte offsets). */
export const isUnpacked = (row: ImportRow) => row.r2Key.endsWith(UNPACKED);

/** Every key an import's files may have in R2: its upload and the unpacked copy of it. */
export const importKeys = (row: ImportRow) => (isUnpacked(row) ? [row.r2Key, row.r2Key.slice(0, -UNPACKED.length)] : [row.r2Key, unpackedKey(row.r2Key)]);

/**
 * The first run of a Marginalia export's restore. A gzipped file cannot be read from the middle,
 * so this run reads the upload once, whole (R2 → gunzip → lines), checks it as a complete export
 * (header, trailer, each type's count: {@link ExportCheck}, reading of each line only its type)
 * and stores it unpacked beside the upload (`<key>.ndjson`); the import then points at the copy,
 * standing after the header (or after the last line an earlier reader wrote), and the upload is
 * deleted. Later runs ask R2 for the copy from their byte offset, as XML imports do. A file that
 * is not a complete export throws `ExportFormatError` here, before anything is written.
 * Returns the updated row.
 */
export async function prepareExport(db: Db, bucket: R2Bucket, row: ImportRow): Promise<ImportRow> {
  const object = await bucket.get(row.r2Key);
  if (!object) throw new ImportFormatError("The uploaded file is missing from storage");
  const check = new ExportCheck();
  let start: ExportPosition | undefined;
  let last = 0;
  const lines = exportLines(await ungzipped(object.body));
  const checked = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await lines.next();
      if (next.done) {
        check.end(last);
        controller.close();
        return;
      }
      const { bytes, text, line, end } = next.value;
      last = line;
      if (text.trim() !== "") check.add(skimExportLine(text, line));
      // Where the restore starts: after the header, or after the last line an import begun by an older reader wrote.
      if (!start && check.header && line >= row.resumeLine) start = { offset: end, line };
      controller.enqueue(bytes);
      controller.enqueue(NEWLINE);
    },
  });
  const key = unpackedKey(row.r2Key);
  // A file that is not a complete export errors the stream with an ExportFormatError: the upload is aborted.
  const bytes = await uploadStream(bucket, key, checked, { httpMetadata: { contentType: "application/x-ndjson" } });
  const at = start ?? { offset: 0, line: 0 };
  const prepared = { r2Key: key, bytes, resumeOffset: at.offset, resumeLine: at.line, updatedAt: Date.now() };
  await db.update(imports).set(prepared).where(eq(imports.id, row.id));
  await bucket.delete(row.r2Key);
  return { ...row, ...prepared };
}
