import fc from "fast-check";

/** A request body as bytes, so `Request` never adds a Content-Type of its own. */
export interface FuzzBody {
  contentType: string | null;
  bytes: Uint8Array | null;
}

const text = (s: string) => new TextEncoder().encode(s);

const JSON_TYPES = ["application/json", "application/json; charset=utf-8", "application/vnd.marginalia+json", "APPLICATION/JSON"];
export const OTHER_TYPES = [
  "text/plain",
  "text/plain;charset=UTF-8",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/xml",
  "application/json;",
  "application/jsonx",
  "*/*",
  "",
];

/** Numbers JSON can spell but a double cannot hold (Infinity, lost precision, underflow). */
export const HUGE_NUMBERS = ["1e400", "-1e400", "9007199254740993000000", "1e-400", "123456789012345678901234567890.5", "-0"];

/** Bytes that are not UTF-8: a bare BOM-like pair before `{`, and Latin-1 inside a JSON string. */
export const NOT_UTF8 = [new Uint8Array([0xff, 0xfe, 0x7b]), new Uint8Array([...text('{"body":"caf'), 0xe9, ...text('"}')])];

const contentTypeArb: fc.Arbitrary<string | null> = fc.oneof(
  fc.constantFrom(...JSON_TYPES),
  fc.constantFrom(...OTHER_TYPES),
  fc.constant(null),
  fc.string({ unit: "grapheme-ascii", maxLength: 40 }),
);

/** JSON text for one value: anything JSON, a huge number, or a long string under the 64 KB limit. */
const junkValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.constantFrom(...HUGE_NUMBERS),
  fc.integer({ min: 1_000, max: 60_000 }).map((n) => JSON.stringify("x".repeat(n))),
  fc.string({ unit: "grapheme", maxLength: 200 }).map((s) => JSON.stringify(s)),
);

/** An object with the route's own field names (and fields clients may never write) holding junk. */
function nearMiss(fields: string[]): fc.Arbitrary<string> {
  const keys = fc.constantFrom(...fields, "status", "siteId", "userId", "__proto__");
  return fc.array(fc.tuple(keys, junkValue), { maxLength: 4 }).map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(",")}}`);
}

/** JSON of the wrong shape, broken JSON, nothing at all, or bytes that are not text. */
function bodyBytesArb(fields: string[]): fc.Arbitrary<Uint8Array | null> {
  return fc.oneof(
    fc.constant(null),
    fc.constantFrom("", "[]", '"text"', "null", "true", "{", "{}}", "{}", ...HUGE_NUMBERS).map(text),
    fc.jsonValue({ maxDepth: 4 }).map((v) => text(JSON.stringify(v))),
    nearMiss(fields).map(text),
    fc.constantFrom(...NOT_UTF8),
    fc.uint8Array({ maxLength: 64 }),
  );
}

export function bodyArb(fields: string[]): fc.Arbitrary<FuzzBody> {
  return fc.record({ contentType: contentTypeArb, bytes: bodyBytesArb(fields) });
}

/** A path segment that is not a real id: random text, percent-encoding traps, overlong ids. */
export const garbageSegment: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 80 }).map(encodeURIComponent),
  fc.constantFrom("%", "%E0%A4%A", "..", "%2F", "%00", "a".repeat(300), "-1", "0", "sso", "1e400"),
);

/** A query value: random text or the numbers `limit` and friends must refuse. */
export const queryValue: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 80 }),
  fc.constantFrom("-1", "0", "101", "1.5", "NaN", "Infinity", ...HUGE_NUMBERS),
);
