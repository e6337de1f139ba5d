import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeKey, encodeKey } from "../../src/lib/keysetCursor";
import { cursorText, decodedOrRefused, spelled } from "./cursorText";

const keyArb = fc.record({ at: fc.integer({ min: 0, max: 2 ** 45 }), id: fc.stringMatching(/^[0-9A-Z]{1,26}$/) });
const scopeArb = fc.option(fc.oneof(fc.constantFrom("pending", "reported", "rejected", "approved"), fc.string({ maxLength: 20 })), { nil: undefined });

/** Cursors a client made up or edited, for lists ordered by (time, id), some tied to a scope. */
const madeUpCursor = cursorText(
  { a: fc.integer({ min: -5, max: 2 ** 45 }), i: fc.oneof(fc.stringMatching(/^[0-9A-Z]{1,26}$/), fc.string({ maxLength: 70 })), q: scopeArb },
  fc.tuple(keyArb, scopeArb).map(([key, scope]) => encodeKey(key, scope)),
);

describe("time-ordered cursors (decodeKey)", () => {
  it("round-trip every key within its scope", () => {
    fc.assert(
      fc.property(keyArb, scopeArb, (key, scope) => {
        expect(decodeKey(encodeKey(key, scope), scope)).toEqual(key);
      }),
    );
  });

  it("refuse a cursor made for another list", () => {
    fc.assert(
      fc.property(keyArb, scopeArb, scopeArb, (key, madeFor, usedFor) => {
        fc.pre((madeFor || undefined) !== (usedFor || undefined));
        expect(decodedOrRefused(() => decodeKey(encodeKey(key, madeFor), usedFor))).toBeUndefined();
      }),
    );
  });

  it("refuse garbage with invalid_cursor", () => {
    fc.assert(
      fc.property(fc.string(), scopeArb, (text, scope) => {
        expect(decodedOrRefused(() => decodeKey(text, scope))).toBeUndefined();
      }),
    );
  });

  it("refuse made-up and tampered cursors unless they spell a valid key of the list", () => {
    fc.assert(
      fc.property(madeUpCursor, scopeArb, (text, scope) => {
        const key = decodedOrRefused(() => decodeKey(text, scope));
        if (key === undefined) return;
        const fields = spelled(text);
        expect(fields, `accepted ${JSON.stringify(text)}`).toBeDefined();
        expect({ a: fields!.a, i: fields!.i, q: fields!.q }).toEqual({ a: key.at, i: key.id, q: scope || undefined });
        expect(Number.isSafeInteger(key.at)).toBe(true);
        expect(key.id.length >= 1 && key.id.length <= 64).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
