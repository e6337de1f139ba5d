import { and, eq } from "drizzle-orm";
import { runBatch, type Db } from "../db/client";
import { identities, users, type User } from "../db/schema";
import { newId } from "../lib/ids";

export interface Profile {
  displayName: string;
  email?: string;
  avatarUrl?: string;
  role: User["role"];
}

async function findByIdentity(db: Db, siteId: string, provider: string, subject: string) {
  return db
    .select({ userId: identities.userId })
    .from(identities)
    .where(and(eq(identities.siteId, siteId), eq(identities.provider, provider), eq(identities.subject, subject)))
    .get();
}

/**
 * Finds the site's account for a provider identity, creating it on first login and refreshing
 * its profile on later ones. Two first logins racing create one account: the loser's batch
 * fails on the identity's primary key and it reads the winner's.
 */
export async function upsertUserByIdentity(db: Db, siteId: string, provider: string, subject: string, profile: Profile, now = Date.now()): Promise<User> {
  const fields = { displayName: profile.displayName, email: profile.email ?? null, avatarUrl: profile.avatarUrl ?? null, role: profile.role, updatedAt: now };
  let existing = await findByIdentity(db, siteId, provider, subject);
  if (!existing) {
    const id = newId(now);
    try {
      await runBatch(db, [
        db.insert(users).values({ id, siteId, ...fields, createdAt: now }),
        db.insert(identities).values({ siteId, provider, subject, userId: id, createdAt: now }),
      ]);
      return { id, siteId, ...fields, publishedCount: 0, pendingCount: 0, rejectedCount: 0, sessionsRevokedAt: null, createdAt: now };
    } catch (error) {
      existing = await findByIdentity(db, siteId, provider, subject);
      if (!existing) throw error;
    }
  }
  const user = await db.update(users).set(fields).where(eq(users.id, existing.userId)).returning().get();
  if (!user) throw new Error(`Identity points at a missing user ${existing.userId}`);
  return user;
}
