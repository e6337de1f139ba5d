import { and, eq, gt, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { moderators, sessions, users, type User } from "../db/schema";
import { randomToken, sha256Hex } from "../lib/crypto";

/** Sessions last 30 days; a new SSO login makes a new one. */
const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

/** `sso` for the site's own login, else the social provider's id. */
export type SessionVia = "sso" | (string & {});

export interface Session {
  tokenHash: string;
  siteId: string;
  expiresAt: number;
  user: Pick<User, "id" | "siteId" | "displayName" | "email" | "avatarUrl" | "role" | "createdAt" | "publishedCount" | "badges" | "grantedBadges">;
  /** A moderator of its site: by the SSO role the session carries, or by an admin's grant (read with the session on every request, so a revoked grant ends at once). */
  moderates: boolean;
}

/**
 * The role a session carries. The site vouches for `role: "moderator"` through its SSO token
 * only, so the role applies to the sessions that token opened (and to sessions from before
 * `via` was recorded); a social login's session moderates only through a grant. Read on every
 * request, so a later SSO token without the role ends it on every session at once.
 */
export function sessionRole(role: User["role"], via: string | null): User["role"] {
  return via === null || via === "sso" ? role : "commenter";
}

/**
 * A new session (token returned once, only its hash stored) as a statement for a batch; it is
 * written only while its user exists, so a session never outlives a deleted account. A
 * {@link sessionStatement} of `tokenHash` later in the same batch reads it as requests will.
 */
export async function mintSession(db: Db, userId: string, siteId: string, via: SessionVia, now = Date.now()) {
  const token = `mgs_${randomToken(32)}`;
  const tokenHash = await sha256Hex(token);
  const expiresAt = now + SESSION_TTL_MS;
  const statement = db.run(sql`
    insert into ${sessions} (token_hash, user_id, site_id, via, created_at, expires_at)
    select ${tokenHash}, ${userId}, ${siteId}, ${via}, ${now}, ${expiresAt}
    where exists (select 1 from ${users} where ${users.id} = ${userId})`);
  return { token, tokenHash, expiresAt, statement };
}

/** The statement reading the live session of a token hash with its user, for a batch of its own or another's. */
export function sessionStatement(db: Db, tokenHash: string, now = Date.now()) {
  return db
    .select({
      siteId: sessions.siteId,
      expiresAt: sessions.expiresAt,
      via: sessions.via,
      id: users.id,
      displayName: users.displayName,
      email: users.email,
      avatarUrl: users.avatarUrl,
      role: users.role,
      createdAt: users.createdAt,
      publishedCount: users.publishedCount,
      badges: users.badges,
      grantedBadges: users.grantedBadges,
      granted: sql<number>`exists (select 1 from ${moderators} where ${moderators.siteId} = ${sessions.siteId} and ${moderators.userId} = ${users.id})`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)));
}

/** The session a `sessionStatement` found, or undefined. */
export function readSession(rows: Awaited<ReturnType<typeof sessionStatement>>, tokenHash: string): Session | undefined {
  const row = rows[0];
  if (!row) return undefined;
  // A user belongs to exactly one site, the one its sessions are for.
  const { siteId, expiresAt, via, role, granted, ...user } = row;
  const carried = sessionRole(role, via);
  return { tokenHash, siteId, expiresAt, user: { ...user, role: carried, siteId }, moderates: carried === "moderator" || Boolean(granted) };
}

/** The live session for a bearer token, with its user; undefined when unknown or expired. */
export async function findSession(db: Db, token: string, now = Date.now()): Promise<Session | undefined> {
  const tokenHash = await sha256Hex(token);
  return readSession(await sessionStatement(db, tokenHash, now), tokenHash);
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}
