import type { Session } from "../auth/sessions.queries";
import type { Db } from "../db/client";
import type { Comment } from "../db/schema";
import { ApiError } from "../lib/errors";
import { moderateComment, rejectedError } from "../moderation/moderateComment";
import { assertNotBanned } from "../moderation/bans";
import { applyTransition } from "../moderation/transition";
import type { SiteRecord } from "../sites/sites.queries";
import { loadCommentFor } from "./access";
import { findArticle } from "./articles.queries";

/**
 * Lets an author change their comment's text within the site's edit window. The new text goes
 * through the pipeline again: a rejected edit is refused (the old text stays), a held one
 * takes the comment back to pending until reviewed.
 */
export async function editComment(db: Db, id: string, session: Session, site: SiteRecord, body: string, confirmed: boolean, now = Date.now()): Promise<Comment> {
  const comment = await loadCommentFor(db, id, session);
  if (comment.authorId !== session.user.id) throw new ApiError("forbidden", "You can only edit your own comments");
  if (comment.status === "rejected") throw new ApiError("forbidden", "A rejected comment cannot be edited");
  await assertNotBanned(db, site.id, session.user.id, now);
  const windowSeconds = site.settings.editWindowSeconds;
  if (now - comment.createdAt > windowSeconds * 1000) {
    throw new ApiError("edit_window_passed", `Comments can be edited for ${windowSeconds} seconds after posting`);
  }
  const article = await findArticle(db, site.id, comment.articleId);
  const { verdict, bodyHash, toxicity } = await moderateComment(db, {
    site, article, articleId: comment.articleId, author: session.user, body, isEdit: true, confirmed, now,
  });
  if (verdict.status === "rejected") throw rejectedError(verdict.reasons);
  const status = verdict.status;
  return applyTransition(db, {
    before: comment,
    set: { body, editedAt: now, status, reasons: verdict.reasons.map(({ borderline: _, ...r }) => r), toxicity, bodyHash },
    audit: status === comment.status ? undefined : { actorType: "system", action: `auto_${status === "pending" ? "hold" : "publish"}`, reason: "edited" },
  });
}
