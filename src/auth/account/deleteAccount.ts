import { and, eq } from "drizzle-orm";
import { runBatch, type Db } from "../../db/client";
import { comments } from "../../db/schema";
import { deleteComment } from "../../comments/deleteComment";
import { randomToken } from "../../lib/crypto";
import { ApiError } from "../../lib/errors";
import type { Session } from "../sessions.queries";
import { eraseUser, hasModerated, withdrawReactionsAndReports } from "./erasure.queries";

/**
 * Deletes the session's account for good. Reactions and reports go first, with the counters
 * they moved; then every comment through the same deletion readers use (text erased,
 * placeholders where replies exist, article counts and moderation queues kept exact); last,
 * one batch anonymises what must stay and removes the account, its identities and sessions.
 * Each step is exact on its own, so a request cut short can simply be repeated.
 */
export async function deleteAccount(db: Db, session: Session, anonymousId = `anon_${randomToken(12)}`) {
  const userId = session.user.id;
  await runBatch(db, withdrawReactionsAndReports(db, userId));
  const own = await db.select({ id: comments.id }).from(comments).where(and(eq(comments.authorId, userId), eq(comments.deleted, false))).all();
  let erased = 0;
  for (const { id } of own) {
    try {
      await deleteComment(db, id, session);
      erased++;
    } catch (error) {
      // Gone meanwhile (a moderator, or the removal of a placeholder parent): nothing left to erase.
      if (!(error instanceof ApiError && error.code === "comment_not_found")) throw error;
    }
  }
  await runBatch(db, eraseUser(db, session.siteId, userId, anonymousId, await hasModerated(db, session.siteId, userId)));
  return { comments: erased, anonymousId };
}
