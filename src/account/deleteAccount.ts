import { and, asc, eq, gt } from "drizzle-orm";
import { runBatch, runSteps, type Db } from "../db/client";
import { comments } from "../db/schema";
import { deletionSteps, erased } from "../comments/deleteComment";
import { randomToken } from "../lib/crypto";
import type { Session } from "../auth/sessions.queries";
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
  await runBatch(db, withdrawReactionsAndReports(db, session.siteId, userId));
  let erasedCount = 0;
  let after = "";
  for (;;) {
    const chunk = await db
      .select()
      .from(comments)
      .where(and(eq(comments.authorId, userId), eq(comments.deleted, false), gt(comments.id, after)))
      .orderBy(asc(comments.id))
      .limit(CHUNK)
      .all();
    if (chunk.length === 0) break;
    after = chunk[chunk.length - 1]!.id;
    // One batch for the chunk, each comment's steps named by its position in it.
    const steps = Object.fromEntries(
      chunk.flatMap((comment, i) => Object.entries(deletionSteps(db, comment, null)).map(([name, step]) => [`${i}:${name}`, step])),
    );
    const results = await runSteps(db, steps);
    // A reply's own statements may already have removed its placeholder parent: not erased twice.
    erasedCount += chunk.filter((_, i) => erased({ placeholder: results[`${i}:placeholder`], removal: results[`${i}:removal`] })).length;
  }
  await runBatch(db, eraseUser(db, session.siteId, userId, anonymousId, await hasModerated(db, session.siteId, userId)));
  return { comments: erasedCount, anonymousId };
}
