import type { Session } from "../auth/sessions.queries";
import type { Db } from "../db/client";
import type { Comment } from "../db/schema";
import { ApiError } from "../lib/errors";
import { historySteps, readHistory } from "../moderation/history.queries";
import { moderateComment, prepareText, rejectedError } from "../moderation/moderateComment";
import { automaticAction } from "../moderation/audit.queries";
import { applyTransition } from "../moderation/transition";
import type { SiteRecord } from "../sites/sites.queries";
import { scoringSteps, siteScoringFrom } from "../moderation/adaptation/siteScoring";
import { readForWrite, refuseBanned } from "./access";
import { articleOfCommentStatement } from "./articles.queries";

/**
 * Hidden after readers reported it: only a moderator's decision lifts that. (A moderator's
 * rejection is final for the author too: rejected comments cannot be edited at all.)
 */
const hiddenByReports = (c: Comment) => c.status === "pending" && c.reportedAt !== null;

/**
 * Lets an author change their comment's text within the site's edit window. The new text goes
 * through the pipeline again, repeated-content checks included: a rejected edit is refused (the
 * old text stays), a held one takes the comment back to pending until reviewed. An edit never
 * lifts a hold placed by reports: the comment stays hidden, in its queue, until a moderator
 * decides. Every edit is in the audit log. Two D1 calls: one read batch (the comment, the
 * author's ban, the article, the author's history), then the transition's batch.
 */
export async function editComment(
  db: Db,
  id: string,
  session: Session,
  site: SiteRecord,
  body: string,
  confirmed: boolean,
  now = Date.now(),
): Promise<Comment> {
  const author = { ...session.user, moderates: session.moderates };
  const text = await prepareText(body, site.settings, author);
  const { comment, writer, found } = await readForWrite(db, id, session, {
    article: articleOfCommentStatement(db, site.id, id),
    ...historySteps(db, { siteId: site.id, authorId: session.user.id, bodyHash: text.bodyHash, now, excludeId: id }),
    ...scoringSteps(db, site.id, now),
  });
  if (comment.authorId !== session.user.id) throw new ApiError("forbidden", "You can only edit your own comments");
  if (comment.status === "rejected") throw new ApiError("forbidden", "A rejected comment cannot be edited");
  refuseBanned(writer, now);
  const windowSeconds = site.settings.editWindowSeconds;
  if (now - comment.createdAt > windowSeconds * 1000) {
    throw new ApiError("edit_window_passed", `Comments can be edited for ${windowSeconds} seconds after posting`);
  }
  const { verdict, bodyHash, toxicity, publicBody } = await moderateComment({
    site,
    adaptation: siteScoringFrom(found, site.id, now),
    text,
    history: readHistory(found, comment.articleId),
    article: found.article[0],
    articleId: comment.articleId,
    author,
    body,
    isEdit: true,
    confirmed,
    now,
  });
  if (verdict.status === "rejected") throw rejectedError(verdict.reasons);
  const status = hiddenByReports(comment) ? "pending" : verdict.status;
  return applyTransition(db, {
    before: comment,
    set: { body, publicBody, editedAt: now, status, reasons: verdict.reasons.map(({ borderline: _, ...r }) => r), toxicity, bodyHash },
    audit: {
      actorType: "system",
      action: status === comment.status ? "edit" : automaticAction(status),
      reason: ["edited", ...verdict.reasons.map((r) => r.code)].join(","),
      createdAt: now,
    },
  });
}
