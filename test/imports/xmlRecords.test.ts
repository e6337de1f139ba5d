import { describe, expect, it } from "vitest";
import { ImportFormatError, readRecords, type XmlRecord } from "../../src/imports/xmlRecords";

function streamOf(bytes: Uint8Array, pieceSize: number): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + pieceSize));
      at += pieceSize;
    },
  });
}

async function all(bytes: Uint8Array, pieceSize: number, from = { offset: 0, line: 1 }): Promise<XmlRecord[]> {
  const records: XmlRecord[] = [];
  for await (const batch of readRecords(streamOf(bytes, pieceSize), ["root"], from)) records.push(...batch);
  return records;
}

const xml =
  '\uFEFF<?xml version="1.0"?>\n<root a="1">\n<post id="1">가나다 😀</post>\n<post id="2"><m><![CDATA[<p>é</p>]]></m></post>\n<post id="3">end</post>\n</root>\n';
const bytes = new TextEncoder().encode(xml);

describe("readRecords", () => {
  it("gives each record with the byte offset right after it, whatever the pieces the stream comes in", async () => {
    for (const pieceSize of [1, 2, 3, 7, 1000]) {
      const records = await all(bytes, pieceSize);
      expect(records.map((r) => r.node.attributes.id)).toEqual(["1", "2", "3"]);
      for (const record of records) expect(new TextDecoder().decode(bytes.slice(record.end.offset - 7, record.end.offset))).toBe("</post>");
      expect(records[1]!.node.children[0]!.text).toBe("<p>é</p>");
      expect(records.map((r) => r.end.line)).toEqual([3, 4, 5]);
    }
  });

  it("resumes at a record's end offset as if it had read on", async () => {
    const [first] = await all(bytes, 5);
    const rest = await all(bytes.slice(first!.end.offset), 4, first!.end);
    expect(rest.map((r) => [r.node.attributes.id, r.end.line])).toEqual([
      ["2", 4],
      ["3", 5],
    ]);
  });

  it("fails a file that breaks off, or is not XML, naming the line", async () => {
    await expect(all(bytes.slice(0, bytes.length - 20), 8)).rejects.toThrow(/breaks off at line 5/);
    const notXml = all(new TextEncoder().encode("<root>\n<post>a & b</post></root>"), 8);
    await expect(notXml).rejects.toBeInstanceOf(ImportFormatError);
    await expect(all(new TextEncoder().encode("\n\n<other/>"), 8)).rejects.toMatchObject({ line: 3 });
    await expect(all(new Uint8Array([0x3c, 0x72, 0xff, 0xfe]), 8)).rejects.toThrow(/not UTF-8/);
  });
});
