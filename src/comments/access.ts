import { eq } from "drizzle-orm";
import type { Session } from "../auth/sessions.queries";
import { runSteps, type Db, type Step, type StepResults } from "../db/client";
import { comments, type Comment } from "../db/schema";
import { ApiError } from "../lib/errors";
import { refuseIfBanned } from "../moderation/bans";
import { banStatement, type Ban } from "../moderation/bans.queries";

/** Who is writing, as the session and the write's own read batch found them. */
export interface Writer {
  session: Session;
  ban: Ban | undefined;
}

/** What every write reads about its writer on their site, as steps of its one read batch. */
const writerSteps = (db: Db, session: Session) => ({
  ban: banStatement(db, session.siteId, session.user.id),
});

/** Refuses a banned writer (403 `banned`, with the end date). */
export const refuseBanned = (writer: Writer, now = Date.now()) => refuseIfBanned(writer.ban, now);

/**
 * A comment the writer may act on: it must exist, not be deleted, belong to the session's site
 * and be visible to them (published, or their own, or they moderate).
 */
function actionable(comment: Comment | undefined, writer: Writer): Comment {
  const { session } = writer;
  if (!comment || comment.deleted) throw new ApiError("comment_not_found", "No such comment");
  if (comment.siteId !== session.siteId) throw new ApiError("wrong_site", "This comment belongs to another site than your session");
  const visible = comment.status === "published" || comment.authorId === session.user.id || session.moderates;
  if (!visible) throw new ApiError("comment_not_found", "No such comment");
  return comment;
}

/**
 * The one read batch of a write on a comment: the comment, the writer's ban, and whatever else
 * the write needs (`extra`, whose results come back as they are), so a reaction, report, edit or
 * deletion costs this call and its write batch. Whether the writer moderates came with the session.
 *
 * @example
 * const { comment, writer, found } = await readForWrite(db, id, session, { article: articleOfComment(db, id) });
 */
export async function readForWrite<T extends Record<string, Step>>(db: Db, id: string, session: Session, extra: T) {
  const { comment, ban, ...found } = await runSteps(db, {
    comment: db.select().from(comments).where(eq(comments.id, id)).limit(1),
    ...writerSteps(db, session),
    ...extra,
  });
  const writer: Writer = { session, ban: (ban as Ban[])[0] };
  return { comment: actionable((comment as Comment[])[0], writer), writer, found: found as unknown as StepResults<T> };
}
