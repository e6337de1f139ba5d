import { eq, lt } from "drizzle-orm";
import { runBatch, type Db } from "../../db/client";
import { linkTickets, pendingLinks, pendingLogins } from "../../db/schema";

export type PendingLogin = typeof pendingLogins.$inferSelect;
export type LinkTicket = typeof linkTickets.$inferSelect;
export type PendingLink = typeof pendingLinks.$inferSelect;

/** Stores a login between start and callback, dropping expired ones on the way (through their index). */
export async function insertPendingLogin(db: Db, login: PendingLogin): Promise<void> {
  await runBatch(db, [db.delete(pendingLogins).where(lt(pendingLogins.expiresAt, login.createdAt)), db.insert(pendingLogins).values(login)]);
}

/**
 * Takes a pending login out by the hash of its state: a delete that returns the row, so of two
 * callbacks with the same state only one gets it. An expired row is removed and not returned.
 */
export async function consumePendingLogin(db: Db, stateHash: string, now = Date.now()): Promise<PendingLogin | undefined> {
  const row = await db.delete(pendingLogins).where(eq(pendingLogins.stateHash, stateHash)).returning().get();
  return row && row.expiresAt > now ? row : undefined;
}

export async function insertLinkTicket(db: Db, ticket: LinkTicket): Promise<void> {
  await runBatch(db, [db.delete(linkTickets).where(lt(linkTickets.expiresAt, ticket.createdAt)), db.insert(linkTickets).values(ticket)]);
}

/** Takes a link ticket out (single use) if it is live and was made for this site and provider. */
export async function consumeLinkTicket(db: Db, ticketHash: string, siteId: string, provider: string, now = Date.now()): Promise<LinkTicket | undefined> {
  const row = await db.delete(linkTickets).where(eq(linkTickets.ticketHash, ticketHash)).returning().get();
  return row && row.expiresAt > now && row.siteId === siteId && row.provider === provider ? row : undefined;
}

export async function insertPendingLink(db: Db, link: PendingLink): Promise<void> {
  await runBatch(db, [db.delete(pendingLinks).where(lt(pendingLinks.expiresAt, link.createdAt)), db.insert(pendingLinks).values(link)]);
}

/** Takes a verified identity awaiting confirmation out (single use), if still live. */
export async function consumePendingLink(db: Db, proofHash: string, now = Date.now()): Promise<PendingLink | undefined> {
  const row = await db.delete(pendingLinks).where(eq(pendingLinks.proofHash, proofHash)).returning().get();
  return row && row.expiresAt > now ? row : undefined;
}

/** Forgets everything in flight for a user (their account is being deleted). */
export function deleteUserLoginState(db: Db, userId: string) {
  return [
    db.delete(linkTickets).where(eq(linkTickets.userId, userId)),
    db.delete(pendingLogins).where(eq(pendingLogins.linkUserId, userId)),
    db.delete(pendingLinks).where(eq(pendingLinks.userId, userId)),
  ];
}
