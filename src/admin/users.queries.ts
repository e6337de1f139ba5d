import { and, asc, eq, gt, gte, inArray, lt, or } from "drizzle-orm";
import { runBatch, type Db } from "../db/client";
import { identities, moderators, users } from "../db/schema";
import type { AdminUser, NameKey } from "./users.schemas";
import { iso } from "../lib/iso";

/**
 * Sorts after every string that starts with the prefix: display names compare as UTF-8 bytes
 * (BINARY), so [prefix, prefix + U+10FFFF) is exactly "starts with prefix" and the index can
 * read it as one range (LIKE would not use it: it is case-insensitive).
 */
const PREFIX_END = "\u{10FFFF}";
const ID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;

const userColumns = {
  id: users.id,
  name: users.displayName,
  createdAt: users.createdAt,
  role: users.role,
  published: users.publishedCount,
  pending: users.pendingCount,
  rejected: users.rejectedCount,
};
type UserRow = { id: string; name: string; createdAt: number; role: "commenter" | "moderator"; published: number; pending: number; rejected: number };

/**
 * The site's users whose display name starts with `q`, by (name, id) after `after`; or, when `q`
 * is a user id of this site, that one user.
 *
 * @example
 * const page = await searchUsers(db, "demo", { q: "김", limit: 20 });
 * page.next; // pass back as `after` for the following page
 */
export async function searchUsers(
  db: Db,
  siteId: string,
  args: { q: string; after?: NameKey; limit: number },
): Promise<{ users: AdminUser[]; next: NameKey | null }> {
  if (!args.after && ID_PATTERN.test(args.q)) {
    const byId = await db
      .select(userColumns)
      .from(users)
      .where(and(eq(users.id, args.q), eq(users.siteId, siteId)))
      .get();
    if (byId) return { users: await withAccess(db, siteId, [byId]), next: null };
  }
  const rows = await db
    .select(userColumns)
    .from(users)
    .where(
      and(
        eq(users.siteId, siteId),
        // The range starts at the cursor's name (which starts with q), so a later page does not
        // rescan the earlier ones; ties on the name continue by id.
        gte(users.displayName, args.after?.name ?? args.q),
        lt(users.displayName, args.q + PREFIX_END),
        args.after ? or(gt(users.displayName, args.after.name), gt(users.id, args.after.id)) : undefined,
      ),
    )
    .orderBy(asc(users.displayName), asc(users.id))
    .limit(args.limit + 1)
    .all();
  const page = rows.slice(0, args.limit);
  const last = page.at(-1);
  return { users: await withAccess(db, siteId, page), next: rows.length > args.limit && last ? { name: last.name, id: last.id } : null };
}

/** Adds each user's login providers and moderator grant: two index reads in one batch. */
async function withAccess(db: Db, siteId: string, rows: UserRow[]): Promise<AdminUser[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [providerRows, grantRows] = (await runBatch(db, [
    db.select({ userId: identities.userId, provider: identities.provider }).from(identities).where(inArray(identities.userId, ids)),
    db
      .select({ userId: moderators.userId })
      .from(moderators)
      .where(and(eq(moderators.siteId, siteId), inArray(moderators.userId, ids))),
  ])) as [{ userId: string; provider: string }[], { userId: string }[]];
  const granted = new Set(grantRows.map((row) => row.userId));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    createdAt: iso(row.createdAt),
    role: row.role,
    providers: providerRows
      .filter((p) => p.userId === row.id)
      .map((p) => p.provider)
      .sort(),
    moderator: row.role === "moderator" || granted.has(row.id),
    granted: granted.has(row.id),
    counts: { published: row.published, pending: row.pending, rejected: row.rejected },
  }));
}
