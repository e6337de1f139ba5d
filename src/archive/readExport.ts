import { ExportCheck } from "./exportCheck";
import { type ExportPosition, exportLines, ungzipped } from "./exportLines";
import { type ParsedLine, parseExportLine } from "./parseExportLine";

/**
 * Reads an export as it streams (gzipped or not: the gzip magic bytes decide), one line at a
 * time, with bounded memory. Yields every line's {@link ParsedLine}, the header and trailer
 * included; throws {@link ExportFormatError} when the file is not an export (first line not a
 * header, newer version), is not UTF-8 or valid gzip, breaks off (no trailer), has lines after
 * the trailer, or holds other numbers of records than its trailer counts.
 *
 * @example
 * for await (const line of readExport(object.body)) {
 *   if (line.kind === "record" && line.record.type === "comment") await importComment(line.record);
 * }
 */
export async function* readExport(bytes: ReadableStream<Uint8Array>): AsyncGenerator<ParsedLine> {
  const check = new ExportCheck();
  let last = 0;
  for await (const { text, line } of exportLines(await ungzipped(bytes))) {
    last = line;
    if (text.trim() === "") continue;
    const parsed = parseExportLine(text, line);
    check.add(parsed);
    yield parsed;
  }
  check.end(last);
}

/**
 * Reads on from the middle of an unpacked export already checked whole (`bytes` starting at
 * `from`): each non-blank line's {@link ParsedLine} with `end`, the byte just after it, where a
 * later reader may start again. No whole-file checks: those were made before.
 */
export async function* readExportFrom(bytes: ReadableStream<Uint8Array>, from: ExportPosition): AsyncGenerator<ParsedLine & { end: number }> {
  for await (const { text, line, end } of exportLines(bytes, from)) {
    if (text.trim() !== "") yield { ...parseExportLine(text, line), end };
  }
}
