import { and, eq, sql } from "drizzle-orm";
import { runBatch, type Db } from "../db/client";
import { identities, sessions, users, type User } from "../db/schema";

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

/**
 * Revokes every session of a user, the current one included, and remembers when: SSO tokens
 * issued before this moment can no longer log the user in (ssoLogin.ts).
 */
export async function deleteSessionsOf(db: Db, userId: string, now = Date.now()): Promise<number> {
  const [removed] = await runBatch(db, [
    db.delete(sessions).where(eq(sessions.userId, userId)),
    db.update(users).set({ sessionsRevokedAt: now, updatedAt: now }).where(eq(users.id, userId)),
  ]);
  return (removed as D1Result).meta.changes;
}
