import { z } from "zod";
import { base64url, fromBase64url } from "./crypto";
import { ApiError } from "./errors";

/**
 * An opaque cursor format: a key's fields as base64url JSON, checked against `shape` when it
 * comes back, and tied to a `scope` (a queue, a search) so one list's cursor is refused by another.
 */
export function opaqueCursor<S extends z.ZodRawShape>(shape: S) {
  const keySchema = z.object(shape);
  const scopeSchema = z.object({ q: z.string().max(200).optional() });
  type Key = z.infer<typeof keySchema>;
  return {
    encode(key: Key, scope?: string): string {
      return base64url(new TextEncoder().encode(JSON.stringify({ ...key, ...(scope ? { q: scope } : {}) })));
    },
    decode(cursor: string, scope?: string): Key {
      let key: Key;
      let q: string | undefined;
      try {
        const raw: unknown = JSON.parse(new TextDecoder().decode(fromBase64url(cursor)));
        key = keySchema.parse(raw);
        q = scopeSchema.parse(raw).q;
      } catch {
        throw new ApiError("invalid_cursor", "The cursor is not valid");
      }
      if (q !== (scope || undefined)) throw new ApiError("invalid_cursor", "The cursor was made for another list");
      return key;
    },
  };
}

const timeKey = opaqueCursor({ a: z.number().int(), i: z.string().min(1).max(64) });

/** An opaque cursor for lists ordered by (time, id); `scope` ties it to one list (e.g. a queue). */
export const encodeKey = (key: { at: number; id: string }, scope?: string) => timeKey.encode({ a: key.at, i: key.id }, scope);

export function decodeKey(cursor: string, scope?: string): { at: number; id: string } {
  const { a, i } = timeKey.decode(cursor, scope);
  return { at: a, id: i };
}
