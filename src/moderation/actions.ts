import type { Db } from "../db/client";
import type { Comment } from "../db/schema";
import type { Actor } from "./types";
import { moderationActionNames } from "./moderation.schemas";
import { applyTransition, conflict } from "./transition";

export { moderationActionNames };
export type ModerationActionName = (typeof moderationActionNames)[number];

/** Whether `action` makes sense on the comment as it is now; otherwise it is a stale click. */
function applies(action: ModerationActionName, c: Comment): boolean {
  if (action === "approve") return c.status !== "published" || c.reportedAt !== null;
  if (action === "reject") return c.status !== "rejected";
  return c.status === "rejected";
}

/**
 * A moderator's decision on a comment: approve (publish, clearing reports), reject (hide, with
 * a reason), or restore (publish a rejected one). One transition, audited; a decision on a
 * comment someone else already decided answers 409 with the state that won.
 */
export async function decide(
  db: Db,
  actor: Actor,
  comment: Comment,
  action: ModerationActionName,
  reason: string | undefined,
  seenVersion?: number,
  now = Date.now(),
): Promise<Comment> {
  const stale = seenVersion !== undefined && seenVersion !== comment.version;
  if (stale || !applies(action, comment)) throw await conflict(db, comment.id);
  const reviewed = { reportedAt: null, reviewedAt: now, reviewedBy: actor.id ?? "admin" };
  const set =
    action === "reject"
      ? {
          ...reviewed,
          status: "rejected" as const,
          reasons: [...comment.reasons, { source: "moderator", action: "reject" as const, code: "moderator", ...(reason ? { detail: reason } : {}) }],
        }
      : { ...reviewed, status: "published" as const };
  return applyTransition(db, {
    before: comment,
    set,
    audit: { actorType: actor.type, actorId: actor.id, action, reason: reason ?? null, createdAt: now },
  });
}
