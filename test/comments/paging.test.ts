import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Comment } from "../../src/db/schema";
import { compareKeys, pageKeyOf, type PageKey } from "../../src/comments/list.queries";
import { decodeCursor, encodeCursor } from "../../src/comments/listComments";
import { mergeSlices } from "../../src/comments/list.queries";
import type { Sort } from "../../src/comments/comments.schemas";
import { cursorText, decodedOrRefused, spelled } from "../lib/cursorText";

const sorts: Sort[] = ["newest", "oldest", "popular", "net", "ratio", "replies", "featured"];
const keyArb = fc.record({ key: fc.integer({ min: -5, max: 5 }), createdAt: fc.integer({ min: 0, max: 20 }), id: fc.stringMatching(/^[0-9A-Z]{1,6}$/) });
/** A row whose every sort column holds the key, so `pageKeyOf` reads it back whatever the sort. */
const asComment = (k: PageKey, status: Comment["status"] = "published") =>
  ({ id: k.id, createdAt: k.createdAt, likes: k.key, net: k.key, ratioKey: k.key, replyCount: k.key, featuredAt: k.key, status }) as Comment;

/** Cursors a client made up or edited: payloads with every field right, wrong or missing, and edited real cursors. */
const madeUpCursor = cursorText(
  {
    s: fc.constantFrom(...sorts),
    l: fc.integer({ min: -5, max: 5 }),
    t: fc.integer({ min: 0, max: 20 }),
    i: fc.oneof(fc.stringMatching(/^[0-9A-Z]{1,6}$/), fc.string({ maxLength: 70 })),
    q: fc.constant(undefined), // a scope belongs to other lists' cursors
  },
  fc.tuple(fc.constantFrom(...sorts), keyArb).map(([sort, key]) => encodeCursor(sort, key)),
);

/**
 * decodeCursor(text, sort) refuses with invalid_cursor, or returns the key the text spells for
 * that sort: integers, an id of 1 to 64 characters, made for `sort`. Anything else it accepted
 * is garbage let through. (Fields the format does not have are ignored, as the decoder does.)
 */
function expectRefusedUnlessValid(text: string, sort: Sort) {
  const key = decodedOrRefused(() => decodeCursor(text, sort));
  if (key === undefined) return;
  const fields = spelled(text);
  expect(fields, `accepted ${JSON.stringify(text)}`).toBeDefined();
  expect({ s: fields!.s, l: fields!.l, t: fields!.t, i: fields!.i }).toEqual({ s: sort, l: key.key, t: key.createdAt, i: key.id });
  // The ratio sort's key is a real number (likes / reactions, see sortKeys.ts); the others' are integers.
  expect((sort === "ratio" ? Number.isFinite(key.key) : Number.isSafeInteger(key.key)) && Number.isSafeInteger(key.createdAt)).toBe(true);
  expect(key.id.length >= 1 && key.id.length <= 64).toBe(true);
  expect(decodeCursor(encodeCursor(sort, key), sort)).toEqual(key);
}

describe("cursors", () => {
  it("round-trip every key for its sort", () => {
    fc.assert(
      fc.property(fc.constantFrom(...sorts), keyArb, (sort, key) => {
        expect(decodeCursor(encodeCursor(sort, key), sort)).toEqual(key);
      }),
    );
  });

  it("refuse garbage with invalid_cursor", () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(...sorts), (text, sort) => {
        // No string fast-check makes here spells a cursor: every one must be refused.
        expect(decodedOrRefused(() => decodeCursor(text, sort))).toBeUndefined();
      }),
    );
  });

  it("refuse made-up and tampered cursors unless they spell a valid key for the sort", () => {
    fc.assert(fc.property(madeUpCursor, fc.constantFrom(...sorts), expectRefusedUnlessValid), {
      numRuns: 1000,
      // Once found by a random run: a ratio key that is no integer (here the smallest double) is a valid ratio cursor.
      examples: [["eyJzIjoicmF0aW8iLCJsIjo1ZS0zMjQsInQiOjAsImkiOiIgIn0", "ratio"]],
    });
  });

  it("refuse a cursor made for another sort", () => {
    fc.assert(
      fc.property(keyArb, fc.constantFrom(...sorts), fc.constantFrom(...sorts), (key, madeFor, usedFor) => {
        fc.pre(madeFor !== usedFor);
        expect(decodedOrRefused(() => decodeCursor(encodeCursor(madeFor, key), usedFor))).toBeUndefined();
      }),
    );
  });
});

describe("mergeSlices", () => {
  /** Pages through two streams the way listComments does: each slice is limit + 1 after the key. */
  function pageAll(sort: Sort, limit: number, a: Comment[], b: Comment[]) {
    const laterThan = (rows: Comment[], key?: PageKey) =>
      rows
        .filter((r) => !key || compareKeys(sort, key, pageKeyOf(sort, r)) < 0)
        .sort((x, y) => compareKeys(sort, pageKeyOf(sort, x), pageKeyOf(sort, y)))
        .slice(0, limit + 1);
    const seen: Comment[] = [];
    let key: PageKey | undefined;
    for (let guard = 0; guard < 1000; guard++) {
      const page = mergeSlices(sort, limit, laterThan(a, key), laterThan(b, key));
      seen.push(...page.rows);
      if (!page.next) break;
      key = page.next;
    }
    return seen;
  }

  it("returns the union of two sorted streams exactly once, in order, page by page", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...sorts),
        fc.integer({ min: 1, max: 7 }),
        fc.uniqueArray(keyArb, { selector: (k) => k.id, maxLength: 40 }),
        fc.integer({ min: 0, max: 40 }),
        (sort, limit, keys, split) => {
          const a = keys.slice(0, split).map((k) => asComment(k));
          const b = keys.slice(split).map((k) => asComment(k, "pending"));
          const seen = pageAll(sort, limit, a, b);
          const expected = [...a, ...b].sort((x, y) => compareKeys(sort, pageKeyOf(sort, x), pageKeyOf(sort, y)));
          expect(seen.map((c) => c.id)).toEqual(expected.map((c) => c.id));
        },
      ),
    );
  });
});
