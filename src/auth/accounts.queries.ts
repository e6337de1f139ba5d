import { and, eq, sql } from "drizzle-orm";
import { type Db, runBatch, runSteps } from "../db/client";
import { newId } from "../lib/ids";
import { identities, sessions, users, type User } from "../db/schema";

export type Identity = typeof identities.$inferSelect;

/** What a new account starts as, whatever made it: no badges, zero counters, never logged out. */
export function newUser(
  siteId: string,
  profile: Pick<User, "displayName" | "email" | "avatarUrl" | "role"> & Partial<Pick<User, "badges">>,
  now: number,
): User {
  return {
    id: newId(now),
    siteId,
    badges: [],
    grantedBadges: [],
    ...profile,
    publishedCount: 0,
    pendingCount: 0,
    rejectedCount: 0,
    likesReceived: 0,
    sessionsRevokedAt: null,
    importId: null,
    createdAt: now,
    updatedAt: now,
  };
}

export async function findUser(db: Db, userId: string): Promise<User | undefined> {
  return db.select().from(users).where(eq(users.id, userId)).get();
}

/** Who owns a provider identity on a site. */
export async function findIdentity(db: Db, siteId: string, provider: string, subject: string): Promise<Identity | undefined> {
  return db
    .select()
    .from(identities)
    .where(and(eq(identities.siteId, siteId), eq(identities.provider, provider), eq(identities.subject, subject)))
    .get();
}

/** Who owns a provider identity on a site, with when they last logged out everywhere: one read. */
export async function findIdentityOwner(db: Db, siteId: string, provider: string, subject: string) {
  return db
    .select({ identity: identities, sessionsRevokedAt: users.sessionsRevokedAt })
    .from(identities)
    .innerJoin(users, eq(users.id, identities.userId))
    .where(and(eq(identities.siteId, siteId), eq(identities.provider, provider), eq(identities.subject, subject)))
    .get();
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
  const result = await db
    .delete(identities)
    .where(and(eq(identities.userId, userId), eq(identities.provider, provider), others))
    .run();
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
  const { removed } = await runSteps(db, {
    removed: db.delete(sessions).where(eq(sessions.userId, userId)),
    remembered: db.update(users).set({ sessionsRevokedAt: now, updatedAt: now }).where(eq(users.id, userId)),
  });
  return removed.meta.changes;
}

export interface Profile {
  displayName: string;
  email?: string;
  avatarUrl?: string;
  role: User["role"];
  /** The SSO claim's badges: set when given, kept as they are when not. */
  badges?: string[];
}

/**
 * Finds the site's account for a provider identity, creating it on first login and refreshing
 * its profile on later ones. Two first logins racing create one account: the loser's batch
 * fails on the identity's primary key and it reads the winner's. A caller that already looked
 * the identity up passes what it found (`null`: none).
 */
export async function upsertUserByIdentity(
  db: Db,
  siteId: string,
  provider: string,
  subject: string,
  profile: Profile,
  now = Date.now(),
  found?: Identity | null,
): Promise<User> {
  const fields = {
    displayName: profile.displayName,
    email: profile.email ?? null,
    avatarUrl: profile.avatarUrl ?? null,
    role: profile.role,
    ...(profile.badges === undefined ? {} : { badges: profile.badges }),
    updatedAt: now,
  };
  let existing = found === undefined ? await findIdentity(db, siteId, provider, subject) : (found ?? undefined);
  if (!existing) {
    const user = newUser(siteId, fields, now);
    try {
      await runBatch(db, [db.insert(users).values(user), db.insert(identities).values({ siteId, provider, subject, userId: user.id, createdAt: now })]);
      return user;
    } catch (error) {
      existing = await findIdentity(db, siteId, provider, subject);
      if (!existing) throw error;
    }
  }
  const user = await db.update(users).set(fields).where(eq(users.id, existing.userId)).returning().get();
  if (!user) throw new Error(`Identity points at a missing user ${existing.userId}`);
  return user;
}
