import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Comment } from "../../src/db/schema";
import { compareKeys, decodeCursor, encodeCursor, type PageKey } from "../../src/comments/cursor";
import { mergeSlices } from "../../src/comments/list.queries";
import type { Sort } from "../../src/comments/comments.schemas";

const sorts: Sort[] = ["newest", "oldest", "popular"];
const keyArb = fc.record({ likes: fc.integer({ min: 0, max: 5 }), createdAt: fc.integer({ min: 0, max: 20 }), id: fc.stringMatching(/^[0-9A-Z]{1,6}$/) });
const asComment = (k: PageKey, status: Comment["status"] = "published") => ({ ...k, status }) as Comment;

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
      fc.property(fc.string(), (text) => {
        try {
          decodeCursor(text, "newest");
        } catch (error) {
          expect((error as { code: string }).code).toBe("invalid_cursor");
        }
      }),
    );
  });
});

describe("mergeSlices", () => {
  /** Pages through two streams the way listComments does: each slice is limit + 1 after the key. */
  function pageAll(sort: Sort, limit: number, a: Comment[], b: Comment[]) {
    const after = (rows: Comment[], key?: PageKey) =>
      rows.filter((r) => !key || compareKeys(sort, key, r) < 0).sort((x, y) => compareKeys(sort, x, y)).slice(0, limit + 1);
    const seen: Comment[] = [];
    let key: PageKey | undefined;
    for (let guard = 0; guard < 1000; guard++) {
      const page = mergeSlices(sort, limit, after(a, key), after(b, key));
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
          const expected = [...a, ...b].sort((x, y) => compareKeys(sort, x, y));
          expect(seen.map((c) => c.id)).toEqual(expected.map((c) => c.id));
        },
      ),
    );
  });
});
