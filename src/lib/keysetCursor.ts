import { z } from "zod";
import { base64url, fromBase64url } from "./crypto";
import { ApiError } from "./errors";

const schema = z.object({ a: z.number().int(), i: z.string().min(1).max(64), q: z.string().max(32).optional() });

/** An opaque cursor for lists ordered by (time, id); `scope` ties it to one list (e.g. a queue). */
export function encodeKey(key: { at: number; id: string }, scope?: string): string {
  return base64url(new TextEncoder().encode(JSON.stringify({ a: key.at, i: key.id, ...(scope ? { q: scope } : {}) })));
}

export function decodeKey(cursor: string, scope?: string): { at: number; id: string } {
  let parsed: z.infer<typeof schema>;
  try {
    parsed = schema.parse(JSON.parse(new TextDecoder().decode(fromBase64url(cursor))));
  } catch {
    throw new ApiError("invalid_cursor", "The cursor is not valid");
  }
  if (parsed.q !== scope) throw new ApiError("invalid_cursor", "The cursor was made for another list");
  return { at: parsed.a, id: parsed.i };
}
