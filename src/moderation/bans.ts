import { runSteps, type Db } from "../db/client";
import { ApiError } from "../lib/errors";
import { isSiteUser } from "./moderators.queries";
import { auditStatement } from "./audit.queries";
import { deleteBan, findBan, isBanActive, upsertBan, type Ban } from "./bans.queries";
import type { Actor } from "./types";
import { iso } from "../lib/iso";

/** Refuses writes (post, edit, react, report) from a banned user: 403 with the end date. `ban` as read in the write's own batch. */
export function refuseIfBanned(ban: Ban | undefined, now = Date.now()): void {
  if (!ban || !isBanActive(ban, now)) return;
  const until = iso(ban.until);
  throw new ApiError("banned", until ? `You are banned from commenting on this site until ${until}` : "You are banned from commenting on this site", {
    until,
    reason: ban.reason,
  });
}

/** Bans (or re-bans with new terms) a user of the site; audited. */
export async function banUser(
  db: Db,
  actor: Actor,
  siteId: string,
  userId: string,
  until: number | null,
  reason: string | null,
  now = Date.now(),
): Promise<Ban> {
  if (!(await isSiteUser(db, siteId, userId))) throw new ApiError("not_found", "No such user on this site");
  const ban: Ban = { siteId, userId, until, reason, createdBy: actor.id ?? "admin", createdAt: now };
  await runSteps(db, {
    ban: upsertBan(db, ban),
    audit: auditStatement(db, {
      siteId,
      userId,
      actorType: actor.type,
      actorId: actor.id,
      action: "ban",
      reason,
      details: { until: iso(until) },
      createdAt: now,
    }),
  });
  return ban;
}

/** Lifts a ban; 404 when there was none. */
export async function unbanUser(db: Db, actor: Actor, siteId: string, userId: string, now = Date.now()): Promise<void> {
  if (!(await findBan(db, siteId, userId))) throw new ApiError("not_found", "This user is not banned");
  await runSteps(db, {
    lift: deleteBan(db, siteId, userId),
    audit: auditStatement(db, { siteId, userId, actorType: actor.type, actorId: actor.id, action: "unban", createdAt: now }),
  });
}
