import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { identities, sessions, users, type User } from "../db/schema";
import { randomToken, sha256Hex } from "../lib/crypto";
import { SESSION_TTL_MS } from "./sessions.queries";

export type Identity = typeof identities.$inferSelect;

export async function findUser(db: Db, userId: string): Promise<User | undefined> {
  return db.select().from(users).where(eq(users.id, userId)).get();
}

/** Who owns a provider identity on a site. */
export async function findIdentity(db: Db, siteId: string, provider: string, subject: string): Promise<Identity | undefined> {
  return db.select().from(identities)
    .where(and(eq(identities.siteId, siteId), eq(identities.provider, provider), eq(identities.subject, subject))).get();
}

export async function listIdentities(db: Db, userId: string): Promise<Identity[]> {
  return db.select().from(identities).where(eq(identities.userId, userId)).orderBy(identities.createdAt).all();
}

/** Attaches an identity to an existing account, only while that account exists. */
export function linkIdentityStatement(db: Db, identity: Identity) {
  return db.run(sql`
    insert into ${identities} (site_id, provider, subject, user_id, created_at)
    select ${identity.siteId}, ${identity.provider}, ${identity.subject}, ${identity.userId}, ${identity.createdAt}
    where exists (select 1 from ${users} where ${users.id} = ${identity.userId})`);
}

/**
 * Removes an account's identity of one provider unless it is the last one: the guard sits in
 * the statement, so two unlinks at once cannot leave an account nobody can log into.
 */
export async function unlinkIdentity(db: Db, userId: string, provider: string): Promise<boolean> {
  const others = sql`exists (select 1 from ${identities} as other where other.user_id = ${userId} and other.provider <> ${provider})`;
  const result = await db.delete(identities).where(and(eq(identities.userId, userId), eq(identities.provider, provider), others)).run();
  return result.meta.changes > 0;
}

export async function renameUser(db: Db, userId: string, displayName: string, now = Date.now()): Promise<User | undefined> {
  return db.update(users).set({ displayName, updatedAt: now }).where(eq(users.id, userId)).returning().get();
}

/** Revokes every session of a user, the current one included. */
export async function deleteSessionsOf(db: Db, userId: string): Promise<number> {
  const result = await db.delete(sessions).where(eq(sessions.userId, userId)).run();
  return result.meta.changes;
}

/**
 * A new session (token returned once, only its hash stored) as a statement for a batch; it is
 * written only while its user exists, so a session never outlives a deleted account.
 */
export async function newSession(db: Db, userId: string, siteId: string, now = Date.now()) {
  const token = `mgs_${randomToken(32)}`;
  const expiresAt = now + SESSION_TTL_MS;
  const statement = db.run(sql`
    insert into ${sessions} (token_hash, user_id, site_id, created_at, expires_at)
    select ${await sha256Hex(token)}, ${userId}, ${siteId}, ${now}, ${expiresAt}
    where exists (select 1 from ${users} where ${users.id} = ${userId})`);
  return { token, expiresAt, statement };
}
