/**
 * Cleaning of the plain text people type (comment bodies, display names): characters that
 * change how text looks without being seen are taken out, so a name cannot pose as another
 * ("nimda" shown as "admin" by a right-to-left override) and a comment cannot look empty.
 *
 * Removed everywhere:
 * - control characters (C0, DEL, C1): they have no glyph, and NUL truncates text in some tools;
 *   a body keeps its line breaks (CR LF and lone CR become LF) and tabs;
 * - bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the marks LRM,
 *   RLM and ALM: the bidi algorithm already orders Arabic or Hebrew words inside a comment, so in
 *   plain text these serve to disguise it, and an unclosed override also reverses what follows;
 * - invisible characters with no job in plain text: zero-width space, word joiner and the
 *   invisible math operators (U+2060–U+2064), the deprecated format controls (U+206A–U+206F), the
 *   byte order mark, and the Hangul fillers (U+3164, U+FFA0, U+115F, U+1160) behind "invisible"
 *   Korean nicknames; modern Korean is typed as precomposed syllables and never needs them.
 *
 * Kept, because real text needs them: ZWJ (emoji sequences: 👩 ZWJ 💻 is one picture), ZWNJ
 * (Persian, Indic scripts), variation selectors and tag characters (emoji presentation,
 * subdivision flags). They do not count as content, though: see {@link hasVisibleText}.
 */

const BIDI_CONTROLS = "\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069";
const INVISIBLE = "\\u200B\\u2060-\\u2064\\u206A-\\u206F\\uFEFF\\u115F\\u1160\\u3164\\uFFA0";

/** Controls a body may not hold: all but tab (U+0009) and line feed (U+000A). */
const BODY_REMOVED = new RegExp(`[\\0-\\x08\\x0B-\\x1F\\x7F-\\x9F${BIDI_CONTROLS}${INVISIBLE}]`, "g");
/** Controls other than the whitespace ones (U+0009–U+000D), which a name turns into a space. */
const NAME_REMOVED = new RegExp(`[\\0-\\x08\\x0E-\\x1F\\x7F-\\x9F${BIDI_CONTROLS}${INVISIBLE}]`, "g");

/**
 * What never reaches the screen as a mark: whitespace, default-ignorable code points (the kept
 * joiners and selectors among them) and the blank braille cell U+2800, a favourite blank name.
 */
const BLANK = /[\s\p{Default_Ignorable_Code_Point}\u2800]/gu;

/**
 * A comment body as stored: line breaks as LF, the characters above removed, then trimmed.
 *
 * @example plainBody("\u202Egood\u0000 point\r\n\tyes ") // "good point\n\tyes"
 */
export function plainBody(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(BODY_REMOVED, "").trim();
}

/**
 * A display name as stored: one line, the characters above removed, runs of whitespace made one
 * space (a name padded with spaces looks like another), trimmed.
 *
 * @example plainName(" 김\u3164기자\n(편집국) ") // "김기자 (편집국)"
 */
export function plainName(text: string): string {
  return text.replace(NAME_REMOVED, "").replace(/\s+/g, " ").trim();
}

/**
 * Whether the text shows anything: false for text made only of whitespace and invisible
 * characters, even the ones {@link plainBody} and {@link plainName} keep (a lone ZWJ).
 */
export function hasVisibleText(text: string): boolean {
  return text.replace(BLANK, "") !== "";
}
