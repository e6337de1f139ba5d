import type { Session } from "../auth/sessions.queries";
import type { Db } from "../db/client";
import type { Comment } from "../db/schema";
import { ApiError } from "../lib/errors";
import { canModerate } from "../moderation/actor";
import { findComment } from "../db/commentRecords.queries";

/**
 * Loads a comment the session may act on: it must exist, not be deleted, belong to the
 * session's site and be visible to the caller (published, or their own, or they moderate).
 */
export async function loadCommentFor(db: Db, id: string, session: Session): Promise<Comment> {
  const comment = await findComment(db, id);
  if (!comment || comment.deleted) throw new ApiError("comment_not_found", "No such comment");
  if (comment.siteId !== session.siteId) throw new ApiError("wrong_site", "This comment belongs to another site than your session");
  const visible = comment.status === "published" || comment.authorId === session.user.id || (await canModerate(db, session, comment.siteId));
  if (!visible) throw new ApiError("comment_not_found", "No such comment");
  return comment;
}
