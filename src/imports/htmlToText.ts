import { plainBody } from "../lib/plainText";

/** Tags that end a paragraph: their text is set apart by a blank line. */
const BLOCKS = new Set(["p", "div", "blockquote", "li", "ul", "ol", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr"]);
/** Tags whose content is not text a reader wrote. */
const DROPPED = new Set(["script", "style", "template"]);

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  hellip: "…",
  mdash: "—",
  ndash: "–",
  laquo: "«",
  raquo: "»",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
  middot: "·",
  copy: "©",
};

/**
 * Decodes one entity's name (`amp`, `#39`, `#x27`); unknown names stay as written.
 *
 * @example decodeEntity("#xAC00") // "가"
 */
function decodeEntity(name: string): string | undefined {
  if (name.startsWith("#")) {
    const code = name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : undefined;
  }
  return NAMED_ENTITIES[name];
}

/** Text with its entities decoded (a bare `&` stays). */
function decodeEntities(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const amp = text.indexOf("&", i);
    if (amp < 0) return out + text.slice(i);
    out += text.slice(i, amp);
    const semi = text.indexOf(";", amp);
    const decoded = semi > amp && semi - amp <= 10 ? decodeEntity(text.slice(amp + 1, semi)) : undefined;
    if (decoded === undefined) {
      out += "&";
      i = amp + 1;
    } else {
      out += decoded;
      i = semi + 1;
    }
  }
  return out;
}

interface Tag {
  name: string;
  closing: boolean;
  href?: string;
}

/** Reads the tag starting at `text[start] === "<"`: its name, whether it closes, its href; and where it ends. */
function readTag(text: string, start: number): { tag: Tag; end: number } | undefined {
  let i = start + 1;
  const closing = text[i] === "/";
  if (closing) i++;
  const nameStart = i;
  while (i < text.length && /[A-Za-z0-9]/.test(text[i]!)) i++;
  if (i === nameStart) return undefined; // "<" not opening a tag: "a < b"
  const name = text.slice(nameStart, i).toLowerCase();
  let href: string | undefined;
  // Attributes up to the closing ">", quotes respected.
  while (i < text.length && text[i] !== ">") {
    const attr = /^\s*([A-Za-z_:][-\w:.]*)\s*(?:=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?/.exec(text.slice(i, i + 4096));
    if (!attr || attr[0].length === 0) {
      i++;
      continue;
    }
    if (attr[1]!.toLowerCase() === "href" && attr[2]) href = decodeEntities(attr[2].replace(/^["']|["']$/g, ""));
    i += attr[0].length;
  }
  return { tag: { name, closing, href }, end: Math.min(i + 1, text.length) };
}

/**
 * A comment's HTML (Disqus' `<message>`, WordPress' `comment_content`) as the plain text we
 * store: paragraphs become blank lines, `<br>` a newline, a link its URL, entities decoded,
 * every other tag dropped (its text kept). `keepNewlines` for WordPress, whose comments are
 * text with line breaks rather than markup.
 *
 * @example htmlToText('<p>Hi &amp; bye<br>see <a href="https://x.test/a">x.test/…</a></p>') // "Hi & bye\nsee https://x.test/a"
 */
export function htmlToText(html: string, keepNewlines = false): string {
  let out = "";
  let i = 0;
  let dropping: string | undefined;
  let link: { href: string; from: number } | undefined;
  const text = (raw: string) => {
    if (dropping) return;
    // Decoded first, so an &nbsp; next to a space makes one space like any other run.
    const decoded = decodeEntities(raw);
    out += keepNewlines ? decoded.replace(/\r\n?/g, "\n").replace(/[ \t\u00a0]+/g, " ") : decoded.replace(/[\s\u00a0]+/g, " ");
  };
  while (i < html.length) {
    const lt = html.indexOf("<", i);
    if (lt < 0) {
      text(html.slice(i));
      break;
    }
    text(html.slice(i, lt));
    if (html.startsWith("<!--", lt)) {
      const end = html.indexOf("-->", lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    const read = readTag(html, lt);
    if (!read) {
      text("<");
      i = lt + 1;
      continue;
    }
    i = read.end;
    const { name, closing, href } = read.tag;
    if (DROPPED.has(name)) {
      dropping = closing ? undefined : name;
      continue;
    }
    if (dropping) continue;
    if (name === "br") out += "\n";
    else if (BLOCKS.has(name)) out += "\n\n";
    else if (name === "a" && !closing && href && /^(https?:|mailto:)/i.test(href)) link = { href, from: out.length };
    else if (name === "a" && closing && link) {
      out = `${out.slice(0, link.from)}${link.href}`;
      link = undefined;
    }
  }
  const lines = out.split("\n").map((line) => line.trim());
  return plainBody(lines.join("\n").replace(/\n{3,}/g, "\n\n"));
}
