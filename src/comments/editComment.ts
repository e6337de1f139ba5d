import { and, eq } from "drizzle-orm";
import type { Session } from "../auth/sessions.queries";
import type { Db } from "../db/client";
import { comments, type Comment } from "../db/schema";
import { ApiError } from "../lib/errors";
import { moderateComment } from "../moderation/pipeline";
import type { SiteRecord } from "../sites/sites.queries";
import { loadCommentFor } from "./access";

/**
 * Lets an author change their comment's text within the site's edit window. The edit goes
 * through moderation again; the status it gets will be applied by the moderation pipeline.
 */
export async function editComment(db: Db, id: string, session: Session, site: SiteRecord, body: string, now = Date.now()): Promise<Comment> {
  const comment = await loadCommentFor(db, id, session);
  if (comment.authorId !== session.user.id) throw new ApiError("forbidden", "You can only edit your own comments");
  const windowMs = site.settings.editWindowSeconds * 1000;
  if (now - comment.createdAt > windowMs) {
    throw new ApiError("edit_window_passed", `Comments can be edited for ${site.settings.editWindowSeconds} seconds after posting`);
  }
  await moderateComment({ site, author: session.user, articleId: comment.articleId, body, parentId: comment.parentId });
  const updated = await db
    .update(comments)
    .set({ body, editedAt: now })
    .where(and(eq(comments.id, id), eq(comments.deleted, false)))
    .returning()
    .get();
  if (!updated) throw new ApiError("comment_not_found", "No such comment");
  return updated;
}
