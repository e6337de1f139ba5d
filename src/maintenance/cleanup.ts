import { lt } from "drizzle-orm";
import type { Db } from "../db/client";
import { runBatch } from "../db/client";
import { expiredNotifications } from "../notifications/inbox.queries";
import { idempotencyKeys, linkTickets, pendingLinks, pendingLogins, sessions, ssoExchanges } from "../db/schema";

/** How long a retried POST can still find the comment its Idempotency-Key created. */
export const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;

/**
 * Daily housekeeping (cron): drops expired sessions, idempotency keys past their window and
 * social-login leftovers (pending logins, link tickets and links) spent SSO tokens past their expiry and notifications older than 30 days, each through its own index.
 * Returns how many rows went.
 */
export async function cleanUp(db: Db, now = Date.now()) {
  const results = (await runBatch(db, [
    db.delete(sessions).where(lt(sessions.expiresAt, now)),
    db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, now - IDEMPOTENCY_TTL_MS)),
    db.delete(pendingLogins).where(lt(pendingLogins.expiresAt, now)),
    db.delete(linkTickets).where(lt(linkTickets.expiresAt, now)),
    db.delete(pendingLinks).where(lt(pendingLinks.expiresAt, now)),
    // A spent SSO token past its expiry is refused for that reason alone.
    db.delete(ssoExchanges).where(lt(ssoExchanges.expiresAt, now)),
    // Notifications are kept 30 days.
    expiredNotifications(db, now),
  ])) as D1Result[];
  const [sessionsGone, keysGone, loginsGone, ticketsGone, linksGone, exchangesGone, notificationsGone] = results.map((r) => r.meta.changes);
  return {
    sessions: sessionsGone,
    idempotencyKeys: keysGone,
    pendingLogins: loginsGone,
    linkTickets: ticketsGone,
    pendingLinks: linksGone,
    ssoExchanges: exchangesGone,
    notifications: notificationsGone,
  };
}
