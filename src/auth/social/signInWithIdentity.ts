import { runBatch, runSteps, type Db } from "../../db/client";
import { identities, users, type User } from "../../db/schema";
import { findIdentity, findUser, newUser } from "../accounts.queries";
import { mintSession, readSession, sessionRole, sessionStatement } from "../sessions.queries";
import { ApiError } from "../../lib/errors";
import type { SocialProfile } from "./profile";

export interface SignedIn {
  user: User;
  session: { token: string; expiresAt: number };
  /** Whether the session moderates the site (by a grant: the SSO role does not follow into a social login). */
  moderates: boolean;
  created: boolean;
}

/**
 * Logs a verified provider identity in: the account it belongs to, or a new account made from
 * the provider's profile. A new account, its identity and its session are written in one batch,
 * so a failure leaves nothing behind. A returning reader keeps the name they chose (the
 * provider's profile is used only once).
 */
export async function signInWithIdentity(db: Db, siteId: string, provider: string, profile: SocialProfile, now = Date.now()): Promise<SignedIn> {
  const owner = await findIdentity(db, siteId, provider, profile.subject);
  if (owner) return sessionFor(db, owner.userId, siteId, provider, now);
  const user = newUser(siteId, { displayName: profile.displayName, email: profile.email, avatarUrl: profile.avatarUrl, role: "commenter" }, now);
  const session = await mintSession(db, user.id, siteId, provider, now);
  try {
    await runBatch(db, [
      db.insert(users).values(user),
      db.insert(identities).values({ siteId, provider, subject: profile.subject, userId: user.id, createdAt: now }),
      session.statement,
    ]);
  } catch (error) {
    // Two first logins raced: the loser's batch failed on the identity's key; use the winner's account.
    const winner = await findIdentity(db, siteId, provider, profile.subject);
    if (!winner) throw error;
    return sessionFor(db, winner.userId, siteId, provider, now);
  }
  return { user, session: { token: session.token, expiresAt: session.expiresAt }, moderates: false, created: true };
}

async function sessionFor(db: Db, userId: string, siteId: string, provider: string, now: number): Promise<SignedIn> {
  const found = await findUser(db, userId);
  if (!found) throw new Error(`Identity points at a missing user ${userId}`);
  // The site's SSO role does not follow the account into a social login's session.
  const user = { ...found, role: sessionRole(found.role, provider) };
  const session = await mintSession(db, userId, siteId, provider, now);
  const { written, opened } = await runSteps(db, { written: session.statement, opened: sessionStatement(db, session.tokenHash, now) });
  if (written.meta.changes === 0) throw new ApiError("invalid_state", "This account no longer exists; please log in again");
  const moderates = readSession(opened, session.tokenHash)?.moderates ?? false;
  return { user, session: { token: session.token, expiresAt: session.expiresAt }, moderates, created: false };
}
