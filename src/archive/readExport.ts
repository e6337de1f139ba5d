import { EXPORT_VERSION } from "./exportFormat";
import { type ParsedLine, parseExportLine } from "./parseExportLine";

/** A file that is not a (complete) Marginalia export: the whole import fails, naming the line. */
export class ExportFormatError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

/** Longer lines are refused rather than buffered: a site record with full word lists is well under 1 MB. */
const MAX_LINE_BYTES = 4 * 1024 * 1024;

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
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  const seen = new Map<string, number>();
  let line = 0;
  let header = false;
  let trailer: Record<string, number> | undefined;
  for await (const bytesOfLine of lines(await ungzipped(bytes), () => line)) {
    line++;
    const content = decodeLine(decoder, bytesOfLine, line);
    if (content.trim() === "") continue;
    if (trailer) throw new ExportFormatError(line, "a record after the marginalia-export-end trailer");
    const parsed = parseExportLine(content, line);
    if (!header) {
      if (parsed.kind !== "record" || parsed.record.type !== "marginalia-export") {
        throw new ExportFormatError(line, "not a Marginalia export: the first record must be the marginalia-export header");
      }
      if (parsed.record.version > EXPORT_VERSION) {
        throw new ExportFormatError(line, `format version ${parsed.record.version} is newer than this reader's (${EXPORT_VERSION})`);
      }
      header = true;
    } else if (parsed.kind === "record" && parsed.record.type === "marginalia-export-end") {
      trailer = parsed.record.counts;
    } else {
      const type = parsed.kind === "invalid" ? (parsed.type ?? "?") : parsed.kind === "unknown" ? parsed.type : parsed.record.type;
      seen.set(type, (seen.get(type) ?? 0) + 1);
    }
    yield parsed;
  }
  if (!header) throw new ExportFormatError(line, "empty: no marginalia-export header");
  if (!trailer) throw new ExportFormatError(line, `the file breaks off after line ${line}: no marginalia-export-end trailer`);
  for (const type of new Set([...Object.keys(trailer), ...seen.keys()])) {
    const expected = trailer[type] ?? 0;
    const found = seen.get(type) ?? 0;
    if (expected !== found) throw new ExportFormatError(line, `the trailer counts ${expected} ${type} records, the file holds ${found}`);
  }
}

/** A line's text without a trailing `\r`; bytes that are not UTF-8 fail the file at that line. */
function decodeLine(decoder: TextDecoder, bytes: Uint8Array, line: number): string {
  try {
    return decoder.decode(bytes).replace(/\r$/, "");
  } catch {
    throw new ExportFormatError(line, "not UTF-8 text");
  }
}

/** The stream, gunzipped when it starts with gzip's magic bytes. */
async function ungzipped(bytes: ReadableStream<Uint8Array>): Promise<ReadableStream<Uint8Array>> {
  const reader = bytes.getReader();
  let head: Uint8Array = new Uint8Array(0);
  let done = false;
  while (head.length < 2 && !done) {
    const next = await reader.read();
    done = next.done;
    if (next.value) head = concat(head, next.value);
  }
  const replayed = new ReadableStream<Uint8Array>({
    start(controller) {
      if (head.length > 0) controller.enqueue(head);
      if (done) controller.close();
    },
    async pull(controller) {
      const next = await reader.read();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  const gzipped = head[0] === 0x1f && head[1] === 0x8b;
  if (!gzipped) return replayed;
  const gunzip = new DecompressionStream("gzip");
  // Fed by hand rather than piped: a broken gzip stream errors the readable side, where
  // `lines` reports it, and the writer's own rejection must not surface as an unhandled one.
  const writer = gunzip.writable.getWriter();
  const feed = async () => {
    const source = replayed.getReader();
    for (let next = await source.read(); !next.done; next = await source.read()) await writer.write(next.value);
    await writer.close();
  };
  feed().catch((error) => writer.abort(error).catch(() => undefined));
  return gunzip.readable;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

/**
 * The stream's lines as bytes, without their `\n` (a byte that never occurs inside a UTF-8
 * sequence, so lines are cut before decoding and a decoding error names its own line).
 */
async function* lines(bytes: ReadableStream<Uint8Array>, currentLine: () => number): AsyncGenerator<Uint8Array> {
  const reader = bytes.getReader();
  let pending: Uint8Array[] = [];
  let pendingSize = 0;
  for (;;) {
    let next: ReadableStreamReadResult<Uint8Array>;
    try {
      next = await reader.read();
    } catch {
      throw new ExportFormatError(currentLine() + 1, "not valid gzip, or the gzip stream breaks off");
    }
    if (next.done) break;
    const chunk = next.value;
    let start = 0;
    for (let newline = chunk.indexOf(0x0a); newline >= 0; newline = chunk.indexOf(0x0a, start)) {
      yield joined([...pending, chunk.subarray(start, newline)]);
      pending = [];
      pendingSize = 0;
      start = newline + 1;
    }
    if (start < chunk.length) {
      pending.push(chunk.subarray(start));
      pendingSize += chunk.length - start;
    }
    if (pendingSize > MAX_LINE_BYTES) throw new ExportFormatError(currentLine() + 1, `a line longer than ${MAX_LINE_BYTES} bytes`);
  }
  if (pendingSize > 0) yield joined(pending);
}

function joined(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  return parts.reduce(concat, new Uint8Array(0));
}
