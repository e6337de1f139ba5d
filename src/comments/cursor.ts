import { z } from "zod";
import { base64url, fromBase64url } from "../lib/crypto";
import { ApiError } from "../lib/errors";
import type { Sort } from "./comments.schemas";

/** Where a keyset page stopped: the sort key of its last comment. */
export interface PageKey {
  likes: number;
  createdAt: number;
  id: string;
}

const cursorSchema = z.object({
  s: z.enum(["newest", "oldest", "popular"]),
  l: z.number().int(),
  t: z.number().int(),
  i: z.string().min(1).max(64),
});

export function encodeCursor(sort: Sort, key: PageKey): string {
  return base64url(new TextEncoder().encode(JSON.stringify({ s: sort, l: key.likes, t: key.createdAt, i: key.id })));
}

/** Decodes a cursor made by `encodeCursor` for the same sort, or answers 400. */
export function decodeCursor(cursor: string, sort: Sort): PageKey {
  let parsed: z.infer<typeof cursorSchema>;
  try {
    parsed = cursorSchema.parse(JSON.parse(new TextDecoder().decode(fromBase64url(cursor))));
  } catch {
    throw new ApiError("invalid_cursor", "The cursor is not valid");
  }
  if (parsed.s !== sort) throw new ApiError("invalid_cursor", `The cursor was made for sort=${parsed.s}`);
  return { likes: parsed.l, createdAt: parsed.t, id: parsed.i };
}

/** Orders two keys as the sort lists them: negative when `a` comes first. */
export function compareKeys(sort: Sort, a: PageKey, b: PageKey): number {
  const ascending = (x: PageKey, y: PageKey) =>
    x.createdAt - y.createdAt || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
  if (sort === "oldest") return ascending(a, b);
  if (sort === "newest") return ascending(b, a);
  return b.likes - a.likes || ascending(b, a);
}
