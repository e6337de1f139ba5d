import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ExportRecord } from "../../src/archive/exportFormat";
import { parseExportLine, skimExportLine } from "../../src/archive/parseExportLine";
import { ExportFormatError } from "../../src/archive/exportFormatError";
import { ExportCheck } from "../../src/archive/exportCheck";
import { readExport, readExportFrom } from "../../src/archive/readExport";
import { commentRecord, EXPORTED_AT } from "./exportRecords";

const at = EXPORTED_AT;
const header = { type: "marginalia-export", version: 1, siteId: "news", exportedAt: at };
const site = {
  type: "site",
  id: "news",
  name: "News",
  origins: ["https://news.example"],
  settings: { premoderation: "off" },
  webhookConfigured: false,
  loginProviders: [],
  createdAt: at,
  updatedAt: at,
};
const article = { type: "article", id: "a1", url: null, title: "제목", open: true, premoderation: null, commentCount: 1, createdAt: at };
const comment = commentRecord;
const trailer = (counts: Record<string, number>) => ({ type: "marginalia-export-end", counts });
const validFile = [header, site, article, comment("c1"), trailer({ site: 1, article: 1, comment: 1 })];

const ndjson = (records: unknown[], eol = "\n") => records.map((r) => JSON.stringify(r) + eol).join("");

/** Bytes as a stream, cut into chunks at the given sizes (the rest in one chunk). */
function streamOf(bytes: Uint8Array, cuts: number[] = []): ReadableStream<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const size of cuts) {
    if (from >= bytes.length) break;
    chunks.push(bytes.slice(from, from + size));
    from += size;
  }
  if (from < bytes.length) chunks.push(bytes.slice(from));
  return new ReadableStream({
    pull(controller) {
      const next = chunks.shift();
      if (next) controller.enqueue(next);
      else controller.close();
    },
  });
}

const textStream = (text: string, cuts?: number[]) => streamOf(new TextEncoder().encode(text), cuts);

async function gzip(text: string): Promise<Uint8Array> {
  return new Uint8Array(await new Response(textStream(text).pipeThrough(new CompressionStream("gzip"))).arrayBuffer());
}

async function readAll(stream: ReadableStream<Uint8Array>) {
  const lines = [];
  for await (const line of readExport(stream)) lines.push(line);
  return lines;
}

async function failure(stream: ReadableStream<Uint8Array>): Promise<ExportFormatError> {
  try {
    await readAll(stream);
  } catch (error) {
    if (error instanceof ExportFormatError) return error;
    throw error;
  }
  throw new Error("read without a format error");
}

describe("parseExportLine", () => {
  it("gives a valid record back typed", () => {
    expect(parseExportLine(JSON.stringify(comment("c1")), 4)).toEqual({ kind: "record", line: 4, record: comment("c1") });
  });

  it("names the line, the source id and the field of an invalid record", () => {
    const bad = { ...comment("c9"), status: "approved", createdAt: "yesterday" };
    const parsed = parseExportLine(JSON.stringify(bad), 7);
    expect(parsed).toMatchObject({ kind: "invalid", line: 7, type: "comment", sourceId: "c9" });
    expect(parsed.kind === "invalid" && parsed.message).toMatch(/status.*createdAt|createdAt.*status/s);
  });

  it("tells broken JSON, non-objects and records without a type apart from unknown types", () => {
    expect(parseExportLine("{nope", 1)).toMatchObject({ kind: "invalid", message: "not a JSON value" });
    expect(parseExportLine("[1]", 1)).toMatchObject({ kind: "invalid", message: "not a JSON object" });
    expect(parseExportLine('{"id":"x"}', 1)).toMatchObject({ kind: "invalid", message: "no `type`" });
    expect(parseExportLine('{"type":"reaction","commentId":"c1"}', 3)).toEqual({ kind: "unknown", line: 3, type: "reaction" });
  });

  it("round-trips any comment text (property)", () => {
    fc.assert(
      fc.property(fc.option(fc.string({ unit: "grapheme", maxLength: 200 }), { nil: null }), (body) => {
        const record = comment("c1", body);
        const parsed = parseExportLine(JSON.stringify(record), 1);
        expect(parsed).toEqual({ kind: "record", line: 1, record: record as ExportRecord });
      }),
    );
  });
});

describe("readExport", () => {
  it("reads a plain file and the same file gzipped alike, with CRLF line ends and blank lines", async () => {
    const plain = await readAll(textStream(ndjson(validFile)));
    expect(plain.map((l) => l.kind === "record" && l.record.type)).toEqual(["marginalia-export", "site", "article", "comment", "marginalia-export-end"]);
    expect(plain.map((l) => l.line)).toEqual([1, 2, 3, 4, 5]);
    expect(await readAll(streamOf(await gzip(ndjson(validFile))))).toEqual(plain);
    const crlf = await readAll(textStream(`${ndjson(validFile.slice(0, 2), "\r\n")}\r\n${ndjson(validFile.slice(2), "\r\n")}`));
    expect(crlf.map((l) => l.kind === "record" && l.record)).toEqual(plain.map((l) => l.kind === "record" && l.record));
    expect(crlf.map((l) => l.line)).toEqual([1, 2, 4, 5, 6]);
  });

  it("does not care where the stream's chunks end (property)", async () => {
    const bytes = new TextEncoder().encode(
      ndjson([header, site, article, comment("c1", "한국어 본문 ✓"), comment("c2", null), trailer({ site: 1, article: 1, comment: 2 })]),
    );
    const whole = await readAll(streamOf(bytes));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 60 }), async (cuts) => {
        expect(await readAll(streamOf(bytes, cuts))).toEqual(whole);
      }),
      { numRuns: 50 },
    );
  });

  it("yields invalid records and unknown types without failing, counted by their type", async () => {
    const lines = await readAll(
      textStream(ndjson([header, site, { ...comment("c1"), likes: -1 }, { type: "reaction", commentId: "c1" }, trailer({ site: 1, comment: 1, reaction: 1 })])),
    );
    expect(lines.map((l) => l.kind)).toEqual(["record", "record", "invalid", "unknown", "record"]);
    expect(lines[2]).toMatchObject({ line: 3, sourceId: "c1", type: "comment" });
  });

  it("refuses a file that is not an export, naming line 1", async () => {
    const error = await failure(textStream('<?xml version="1.0"?>\n<disqus/>\n'));
    expect(error.line).toBe(1);
    expect(error.message).toMatch(/not a Marginalia export/);
    expect((await failure(textStream(ndjson([site, ...validFile])))).line).toBe(1);
    expect((await failure(textStream(""))).message).toMatch(/empty/);
  });

  it("refuses a newer version", async () => {
    const error = await failure(textStream(ndjson([{ ...header, version: 2 }, ...validFile.slice(1)])));
    expect(error.message).toMatch(/version 2 is newer/);
  });

  it("fails a file that breaks off: no trailer, or a gzip stream cut short", async () => {
    const cut = await failure(textStream(ndjson(validFile.slice(0, 4))));
    expect(cut.line).toBe(4);
    expect(cut.message).toMatch(/breaks off after line 4/);
    const gzipped = await gzip(ndjson(validFile));
    const truncated = await failure(streamOf(gzipped.slice(0, gzipped.length - 12)));
    expect(truncated.message).toMatch(/gzip|breaks off/);
  });

  it("fails when the trailer's counts are not what the file holds, or records follow it", async () => {
    const short = await failure(textStream(ndjson([header, site, article, trailer({ site: 1, article: 1, comment: 1 })])));
    expect(short.message).toMatch(/counts 1 comment records, the file holds 0/);
    const extra = await failure(textStream(ndjson([...validFile, comment("c2")])));
    expect(extra.line).toBe(6);
  });

  it("fails a file that is not UTF-8", async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode(`${JSON.stringify(header)}\n{"type":"site","name":"`), 0xff, 0xfe, 0x22, 0x7d, 0x0a]);
    expect((await failure(streamOf(bytes))).message).toMatch(/line 2: not UTF-8 text/);
  });
});

describe("readExportFrom", () => {
  it("reads on from any line's end: the lines a reader from the start gives, each with the byte after it", async () => {
    const text = `${ndjson(validFile.slice(0, 2), "\r\n")}\r\n${ndjson(validFile.slice(2))}`;
    const bytes = new TextEncoder().encode(text);
    const all = [];
    for await (const line of readExportFrom(streamOf(bytes), { offset: 0, line: 0 })) all.push(line);
    expect(all.map(({ end, ...parsed }) => parsed)).toEqual(await readAll(streamOf(bytes)));
    for (const [i, line] of all.entries()) {
      // The end is the byte after the line's own newline: the text up to it has exactly `line` lines.
      expect(new TextDecoder().decode(bytes.slice(0, line.end)).split("\n").length - 1).toBe(line.line);
      const rest = [];
      for await (const next of readExportFrom(streamOf(bytes.slice(line.end), [7, 3]), { offset: line.end, line: line.line })) rest.push(next);
      expect(rest).toEqual(all.slice(i + 1));
    }
  });
});

describe("ExportCheck on skimmed lines", () => {
  /** The check's verdict on a file's lines, each read by `read`: "ok" or the error's message. */
  function verdict(text: string, read: (text: string, line: number) => ReturnType<typeof skimExportLine>): string {
    const check = new ExportCheck();
    const lines = text.split("\n");
    if (lines.at(-1) === "") lines.pop();
    try {
      for (const [i, content] of lines.entries()) if (content.trim() !== "") check.add(read(content, i + 1));
      check.end(lines.length);
      return "ok";
    } catch (error) {
      if (error instanceof ExportFormatError) return error.message;
      throw error;
    }
  }

  it("gives every file the verdict it gets from fully parsed lines", () => {
    const files = [
      validFile,
      [header, site, { ...comment("c1"), likes: -1 }, { type: "reaction" }, trailer({ site: 1, comment: 1, reaction: 1 })],
      [header, site, { ...comment("c1"), likes: -1 }, trailer({ site: 1 })],
      [header, site, "{nope", [1], { id: "x" }, trailer({ site: 1, "?": 3 })],
      [header, site, "{nope", trailer({ site: 1 })],
      [site, ...validFile],
      [{ ...header, version: 2 }, ...validFile.slice(1)],
      [{ ...header, version: "one" }, ...validFile.slice(1)],
      [...validFile, comment("c2")],
      [header, site, article, { ...trailer({ site: 1, article: 1 }), counts: "all" }, trailer({ site: 1, article: 1 })],
      validFile.slice(0, 4),
      [],
    ];
    for (const records of files) {
      const text = records.map((r) => (typeof r === "string" ? r : JSON.stringify(r))).join("\n");
      expect(verdict(text, skimExportLine), text).toBe(verdict(text, parseExportLine));
    }
    expect(verdict(ndjson(validFile), skimExportLine)).toBe("ok");
  });
});
