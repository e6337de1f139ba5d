import { z } from "@hono/zod-openapi";
import { base64url, fromBase64url } from "../lib/crypto";
import { ApiError } from "../lib/errors";

export const userSearchQuerySchema = z
  .object({
    q: z.string().trim().max(100).default("").openapi({ description: "A display-name prefix, or a user id", example: "김" }),
    cursor: z.string().max(500).optional(),
    limit: z.coerce.number().int().min(1).max(50).default(20), // 50: the page's ids go in one IN list (D1 binds at most 100)
  })
  .strict();

export const adminUserSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    createdAt: z.string(),
    role: z.enum(["commenter", "moderator"]).openapi({ description: "The role the site's SSO token carries" }),
    providers: z.array(z.string()).openapi({ example: ["sso:demo", "kakao"] }),
    moderator: z.boolean().openapi({ description: "Granted through the admin API or carried by the SSO role" }),
    granted: z.boolean().openapi({ description: "Granted through the admin API (revocable there)" }),
    counts: z.object({ published: z.number().int(), pending: z.number().int(), rejected: z.number().int() }),
  })
  .openapi("AdminUser");

export type AdminUser = z.infer<typeof adminUserSchema>;

/** Where a page of users by (display name, id) stops. */
export interface NameKey {
  name: string;
  id: string;
}

const cursorSchema = z.object({ n: z.string().max(400), i: z.string().min(1).max(64), q: z.string().max(100) });

/** An opaque cursor tied to the search text it was made for. */
export function encodeNameCursor(key: NameKey, q: string): string {
  return base64url(new TextEncoder().encode(JSON.stringify({ n: key.name, i: key.id, q })));
}

export function decodeNameCursor(cursor: string, q: string): NameKey {
  let parsed: z.infer<typeof cursorSchema>;
  try {
    parsed = cursorSchema.parse(JSON.parse(new TextDecoder().decode(fromBase64url(cursor))));
  } catch {
    throw new ApiError("invalid_cursor", "The cursor is not valid");
  }
  if (parsed.q !== q) throw new ApiError("invalid_cursor", "The cursor was made for another search");
  return { name: parsed.n, id: parsed.i };
}
