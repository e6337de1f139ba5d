import { and, eq, gt } from "drizzle-orm";
import type { Db } from "../db/client";
import { sessions, users, type User } from "../db/schema";
import { randomToken, sha256Hex } from "../lib/crypto";

/** Sessions last 30 days; a new SSO login makes a new one. */
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

export interface Session {
  tokenHash: string;
  siteId: string;
  expiresAt: number;
  user: Pick<User, "id" | "siteId" | "displayName" | "email" | "avatarUrl" | "role" | "createdAt" | "publishedCount">;
}

/** Creates a session and returns its token; only the token's hash is stored. */
export async function createSession(db: Db, userId: string, siteId: string, now = Date.now()) {
  const token = `mgs_${randomToken(32)}`;
  const expiresAt = now + SESSION_TTL_MS;
  await db.insert(sessions).values({ tokenHash: await sha256Hex(token), userId, siteId, createdAt: now, expiresAt });
  return { token, expiresAt };
}

/** The live session for a bearer token, with its user; undefined when unknown or expired. */
export async function findSession(db: Db, token: string, now = Date.now()): Promise<Session | undefined> {
  const tokenHash = await sha256Hex(token);
  const row = await db
    .select({
      siteId: sessions.siteId,
      expiresAt: sessions.expiresAt,
      id: users.id,
      displayName: users.displayName,
      email: users.email,
      avatarUrl: users.avatarUrl,
      role: users.role,
      createdAt: users.createdAt,
      publishedCount: users.publishedCount,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)))
    .get();
  if (!row) return undefined;
  // A user belongs to exactly one site, the one its sessions are for.
  const { siteId, expiresAt, ...user } = row;
  return { tokenHash, siteId, expiresAt, user: { ...user, siteId } };
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}
