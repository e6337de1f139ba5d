import fc from "fast-check";
import { expect } from "vitest";
import { base64url, fromBase64url } from "../../src/lib/crypto";

// Shared by the property tests of the two cursor decoders (src/lib/keysetCursor.ts and the
// comment list's, src/comments/listComments.ts): whatever text comes back as a cursor, the
// decoder refuses it with invalid_cursor, unless the text spells a valid key.

/** The JSON object a cursor's text spells (base64url of JSON), read without the decoder; undefined for anything else. */
export function spelled(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(fromBase64url(text)));
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Runs `decode`: `undefined` when it refused with invalid_cursor (any other failure fails the test), else what it returned. */
export function decodedOrRefused<K>(decode: () => K): K | undefined {
  try {
    return decode();
  } catch (error) {
    expect((error as { code?: unknown }).code, String(error)).toBe("invalid_cursor");
    return undefined;
  }
}

const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const asCursor = (value: unknown) => base64url(new TextEncoder().encode(JSON.stringify(value)));

/** A JSON value of any type, to stand where a field of another type belongs. */
const strayValue = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 8 }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.constant(Number.MAX_SAFE_INTEGER + 2),
);

/**
 * Text sent back as a cursor by a client that made it up or edited one: any string, any
 * base64url string, the encoding of any JSON, of a payload built from `validFields` (each field
 * mostly valid, sometimes of the wrong kind or missing, sometimes with a field the format does
 * not have), or a real cursor with a character changed, inserted or removed, or cut short.
 */
export function cursorText(validFields: Record<string, fc.Arbitrary<unknown>>, realCursor: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const tampered = (valid: fc.Arbitrary<unknown>) =>
    fc.oneof({ arbitrary: valid, weight: 6 }, { arbitrary: strayValue, weight: 1 }, { arbitrary: fc.constant(undefined), weight: 1 });
  const payload = fc.record({
    ...Object.fromEntries(Object.entries(validFields).map(([name, valid]) => [name, tampered(valid)])),
    extra: fc.option(strayValue, { freq: 4, nil: undefined }),
  });
  const edited = fc
    .record({ cursor: realCursor, at: fc.nat(), edit: fc.constantFrom("replace", "insert", "delete", "cut"), char: fc.constantFrom(...`${BASE64URL}=+/ .%`) })
    .map(({ cursor, at, edit, char }) => {
      const i = at % (cursor.length + 1);
      if (edit === "replace") return cursor.slice(0, i) + char + cursor.slice(i + 1);
      if (edit === "insert") return cursor.slice(0, i) + char + cursor.slice(i);
      if (edit === "delete") return cursor.slice(0, i) + cursor.slice(i + 1);
      return cursor.slice(0, i);
    });
  return fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom(...BASE64URL), maxLength: 80 }), fc.jsonValue().map(asCursor), payload.map(asCursor), edited);
}
