import { SaxesParser } from "saxes";

/** One element of a record, with its text (CDATA included) and children. */
export interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
  line: number;
}

/** A child element of the container (a Disqus `<post>`, a WordPress `<item>`), whole, with where the file stands after it. */
export interface XmlRecord {
  node: XmlNode;
  /** The byte right after its closing tag and that byte's line: a later run resumes there. */
  end: { offset: number; line: number };
}

/** The file is not well-formed XML, not the expected format, or breaks off: the import fails. */
export class ImportFormatError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

/** Where to start reading: 0 and line 1, or a checkpoint of an earlier run (inside the container). */
export interface ReadFrom {
  offset: number;
  line: number;
}

/** Bytes of UTF-8 for the UTF-16 code unit `code` (a surrogate pair counts 4 on its high half). */
function utf8Width(code: number): number {
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  if (code >= 0xd800 && code <= 0xdbff) return 4;
  if (code >= 0xdc00 && code <= 0xdfff) return 0;
  return 3;
}

/**
 * Reads an XML export as a stream, never whole: the children of `container` (e.g.
 * `["disqus"]`, `["rss", "channel"]`) come out one at a time as small trees, in batches per
 * chunk of the stream, each with the byte offset after it. Resuming at such an offset, the
 * container's opening tags are fed first so the parser stands where it stood.
 *
 * @example
 * for await (const records of readRecords(object.body, ["disqus"], { offset: 0, line: 1 })) …
 */
export async function* readRecords(stream: ReadableStream<Uint8Array>, container: string[], from: ReadFrom): AsyncGenerator<XmlRecord[]> {
  const parser = new SaxesParser({ position: true });
  const resuming = from.offset > 0;
  const prefix = resuming ? container.map((name) => `<${name}>`).join("") : "";
  const lineOf = () => from.line + parser.line - 1;
  let pending: XmlRecord[] = [];
  const stack: XmlNode[] = [];
  let depth = 0;
  let rootChecked = resuming;
  // Code-unit position of the parser → byte offset in the file, for the chunk being parsed.
  let chunk = "";
  let chunkChar = 0;
  let nextByte = from.offset;
  let scanChar = 0;
  let scanByte = from.offset;
  const byteAt = (position: number) => {
    const index = position - chunkChar;
    while (scanChar < index) scanByte += utf8Width(chunk.charCodeAt(scanChar++));
    return scanByte;
  };
  /** Parses the next piece of text; `synthetic` text (the resume prefix) occupies no bytes of the file. */
  const write = (text: string, synthetic = false) => {
    chunkChar += chunk.length;
    chunk = text;
    scanChar = 0;
    scanByte = nextByte;
    parser.write(text);
    if (!synthetic) nextByte = byteAt(chunkChar + chunk.length);
  };

  parser.on("opentag", (tag) => {
    if (!rootChecked) {
      rootChecked = true;
      if (tag.name !== container[0]) throw new ImportFormatError(`The root element is <${tag.name}>, not <${container[0]}>`, lineOf());
    }
    depth++;
    if (depth <= container.length) {
      if (tag.name !== container[depth - 1] && depth > 1) {
        throw new ImportFormatError(`Expected <${container[depth - 1]}> inside <${container[depth - 2]}>, found <${tag.name}>`, lineOf());
      }
      return;
    }
    const node: XmlNode = { name: tag.name, attributes: { ...(tag.attributes as Record<string, string>) }, children: [], text: "", line: lineOf() };
    stack.at(-1)?.children.push(node);
    stack.push(node);
  });
  const addText = (text: string) => {
    const node = stack.at(-1);
    if (node && node.children.length === 0) node.text += text;
  };
  parser.on("text", addText);
  parser.on("cdata", addText);
  parser.on("closetag", () => {
    depth--;
    if (depth < container.length) return;
    const node = stack.pop();
    if (node && stack.length === 0) pending.push({ node, end: { offset: byteAt(parser.position), line: lineOf() } });
  });
  parser.on("error", (error) => {
    throw new ImportFormatError(`Not well-formed XML: ${error.message.replace(/^[^:]*:\d+:\d+: /, "")}`, lineOf());
  });

  if (prefix) write(prefix, true);
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  const reader = stream.getReader();
  let first = !resuming;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      let text: string;
      try {
        text = decoder.decode(value, { stream: true });
      } catch {
        throw new ImportFormatError("The file is not UTF-8 text", lineOf());
      }
      if (first && text.length > 0) {
        first = false;
        // A byte order mark: three bytes the parser never sees.
        if (text.charCodeAt(0) === 0xfeff) {
          text = text.slice(1);
          nextByte += 3;
        }
      }
      write(text);
      if (pending.length) {
        yield pending;
        pending = [];
      }
    }
    try {
      decoder.decode();
    } catch {
      throw new ImportFormatError("The file is not UTF-8 text", lineOf());
    }
    if (!rootChecked) throw new ImportFormatError("The file is empty", 1);
    if (depth > 0)
      throw new ImportFormatError(`The file breaks off at line ${lineOf()} (<${stack.at(-1)?.name ?? container[depth - 1]}> is not closed)`, lineOf());
    parser.close();
    if (pending.length) yield pending;
  } finally {
    // A run that stops mid-file (its budget spent, or a failure) lets go of the rest of the download.
    await reader.cancel().catch(() => {});
  }
}
