import { ExportFormatError } from "./exportFormatError";

/** Longer lines are refused rather than buffered: a site record with full word lists is well under 1 MB. */
const MAX_LINE_BYTES = 4 * 1024 * 1024;

/** Where a reader stands in an export's unpacked bytes: just after line `line`, at byte `offset` (0, 0: the start). */
export interface ExportPosition {
  offset: number;
  line: number;
}

/** One line of an export: its bytes and text without the `\n` (and without a `\r` before it), its number, and the byte just after it. */
export interface ExportLine {
  bytes: Uint8Array;
  text: string;
  line: number;
  end: number;
}

/**
 * The lines of an export's unpacked bytes, numbered and placed from `from` (where `bytes`
 * starts in the file), blank ones included. Bytes that are not UTF-8, a line over 4 MB, or a
 * stream that errors (broken gzip) throw {@link ExportFormatError} naming the line.
 */
export async function* exportLines(bytes: ReadableStream<Uint8Array>, from: ExportPosition = { offset: 0, line: 0 }): AsyncGenerator<ExportLine> {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  let { offset, line } = from;
  const next = (lineBytes: Uint8Array, newline: number): ExportLine => {
    line++;
    offset += lineBytes.length + newline;
    return { bytes: lineBytes, text: decodeLine(decoder, lineBytes, line), line, end: offset };
  };
  const reader = bytes.getReader();
  let pending: Uint8Array[] = [];
  let pendingSize = 0;
  for (;;) {
    let read: ReadableStreamReadResult<Uint8Array>;
    try {
      read = await reader.read();
    } catch {
      throw new ExportFormatError(line + 1, "not valid gzip, or the gzip stream breaks off");
    }
    if (read.done) break;
    const chunk = read.value;
    let start = 0;
    for (let newline = chunk.indexOf(0x0a); newline >= 0; newline = chunk.indexOf(0x0a, start)) {
      yield next(joined([...pending, chunk.subarray(start, newline)]), 1);
      pending = [];
      pendingSize = 0;
      start = newline + 1;
    }
    if (start < chunk.length) {
      pending.push(chunk.subarray(start));
      pendingSize += chunk.length - start;
    }
    if (pendingSize > MAX_LINE_BYTES) throw new ExportFormatError(line + 1, `a line longer than ${MAX_LINE_BYTES} bytes`);
  }
  if (pendingSize > 0) yield next(joined(pending), 0);
}

/** A line's text without a trailing `\r`; bytes that are not UTF-8 fail the file at that line (`\n` never occurs inside a UTF-8 sequence, so lines are cut before decoding). */
function decodeLine(decoder: TextDecoder, bytes: Uint8Array, line: number): string {
  try {
    return decoder.decode(bytes).replace(/\r$/, "");
  } catch {
    throw new ExportFormatError(line, "not UTF-8 text");
  }
}

/** The stream, gunzipped when it starts with gzip's magic bytes. */
export async function ungzipped(bytes: ReadableStream<Uint8Array>): Promise<ReadableStream<Uint8Array>> {
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
  // `exportLines` reports it, and the writer's own rejection must not surface as an unhandled one.
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

function joined(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  return parts.reduce(concat, new Uint8Array(0));
}
