import { and, asc, eq, gt } from "drizzle-orm";
import { runBatch, type Db } from "../../db/client";
import { comments } from "../../db/schema";
import { deletionStatements } from "../../comments/deleteComment";
import { randomToken } from "../../lib/crypto";
import type { Session } from "../sessions.queries";
import { eraseUser, hasModerated, withdrawReactionsAndReports } from "./erasure.queries";

/** Comments erased per D1 batch: two round trips per chunk instead of two per comment. */
const CHUNK = 50;

/**
 * Deletes the session's account for good. Reactions and reports go first, with the counters
 * they moved; then every comment through the same deletion statements readers' deletes use
 * (text erased, placeholders where replies exist, article counts and moderation queues kept
 * exact), a chunk of comments per batch; last, one batch anonymises what must stay and removes
 * the account, its identities and sessions. Each step is exact on its own, so a request cut
 * short can simply be repeated.
 */
export async function deleteAccount(db: Db, session: Session, anonymousId = `anon_${randomToken(12)}`) {
  const userId = session.user.id;
  await runBatch(db, withdrawReactionsAndReports(db, userId));
  let erased = 0;
  let after = "";
  for (;;) {
    const chunk = await db.select().from(comments)
      .where(and(eq(comments.authorId, userId), eq(comments.deleted, false), gt(comments.id, after)))
      .orderBy(asc(comments.id)).limit(CHUNK).all();
    if (chunk.length === 0) break;
    after = chunk[chunk.length - 1]!.id;
    const deletions = chunk.map((comment) => deletionStatements(db, comment, null));
    const results = await runBatch(db, deletions.flatMap((d) => d.statements));
    let offset = 0;
    for (const deletion of deletions) {
      // A reply's own statements may already have removed its placeholder parent: not erased twice.
      if (deletion.erased(results.slice(offset, offset + deletion.statements.length))) erased++;
      offset += deletion.statements.length;
    }
  }
  await runBatch(db, eraseUser(db, session.siteId, userId, anonymousId, await hasModerated(db, session.siteId, userId)));
  return { comments: erased, anonymousId };
}
