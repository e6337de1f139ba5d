import { z } from "@hono/zod-openapi";
import { opaqueCursor } from "../lib/keysetCursor";

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

const nameKey = opaqueCursor({ n: z.string().max(400), i: z.string().min(1).max(64) });

/** An opaque cursor tied to the search text it was made for. */
export const encodeNameCursor = (key: NameKey, q: string) => nameKey.encode({ n: key.name, i: key.id }, `q:${q}`);

export function decodeNameCursor(cursor: string, q: string): NameKey {
  const { n, i } = nameKey.decode(cursor, `q:${q}`);
  return { name: n, id: i };
}
