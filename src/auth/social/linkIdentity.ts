import { and, eq } from "drizzle-orm";
import { runBatch, type Db } from "../../db/client";
import { identities } from "../../db/schema";
import { randomToken, sha256Hex } from "../../lib/crypto";
import { ApiError } from "../../lib/errors";
import { findIdentity, linkIdentityStatement } from "../accounts.queries";
import type { Session } from "../sessions.queries";

import { consumePendingLink, insertPendingLink } from "./pendingLogins.queries";

/** How long the widget has to confirm a link once the popup verified the identity. */
const LINK_PROOF_TTL_MS = 5 * 60_000;

export interface LinkRequest {
  siteId: string;
  provider: string;
  subject: string;
  userId: string;
}

async function otherIdentityOfProvider(db: Db, userId: string, provider: string, subject: string): Promise<boolean> {
  const row = await db
    .select({ subject: identities.subject })
    .from(identities)
    .where(and(eq(identities.userId, userId), eq(identities.provider, provider)))
    .get();
  return row !== undefined && row.subject !== subject;
}

/**
 * At the callback of a link popup: the identity is verified, but the popup's browser is not
 * proof that the account's owner opened it (a link URL can be forwarded). So nothing is linked
 * yet: the identity waits for the account's own session to confirm it with a one-time proof,
 * which only the widget iframe that opened the popup receives.
 */
export async function prepareLink(db: Db, link: LinkRequest, now = Date.now()): Promise<{ proof: string; expiresAt: number }> {
  const owner = await findIdentity(db, link.siteId, link.provider, link.subject);
  if (owner && owner.userId !== link.userId) {
    throw new ApiError("identity_in_use", "This account is already used by another reader of this site; log in with it instead");
  }
  if (await otherIdentityOfProvider(db, link.userId, link.provider, link.subject)) {
    throw new ApiError("provider_already_linked", "Your account is already linked to another account of this provider; unlink it first");
  }
  const proof = randomToken(32);
  const expiresAt = now + LINK_PROOF_TTL_MS;
  await insertPendingLink(db, { proofHash: await sha256Hex(proof), ...link, createdAt: now, expiresAt });
  return { proof, expiresAt };
}

/** The account's session confirms a prepared link: the identity is attached (once). */
export async function confirmLink(db: Db, session: Session, proof: string, now = Date.now()): Promise<void> {
  const link = await consumePendingLink(db, await sha256Hex(proof), now);
  if (!link) throw new ApiError("not_found", "This link has expired or was already confirmed; link again");
  if (link.userId !== session.user.id || link.siteId !== session.siteId) throw new ApiError("forbidden", "This link was started by another account");
  const inUse = () => new ApiError("conflict", "This login is already used by another account of this site", { reason: "identity_in_use" });
  const owner = await findIdentity(db, link.siteId, link.provider, link.subject);
  if (owner) {
    if (owner.userId !== link.userId) throw inUse();
    return;
  }
  try {
    await runBatch(db, [
      linkIdentityStatement(db, { siteId: link.siteId, provider: link.provider, subject: link.subject, userId: link.userId, createdAt: now }),
    ]);
  } catch (error) {
    // Lost a race: someone logged in with this identity, or another link of this provider won.
    const winner = await findIdentity(db, link.siteId, link.provider, link.subject);
    if (winner?.userId === link.userId) return;
    if (winner) throw inUse();
    if (await otherIdentityOfProvider(db, link.userId, link.provider, link.subject)) {
      throw new ApiError("conflict", "Your account is already linked to another account of this provider", { reason: "provider_already_linked" });
    }
    throw error;
  }
}
