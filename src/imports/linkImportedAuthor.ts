import { and, eq, isNotNull } from "drizzle-orm";
import { runBatch, type Db } from "../db/client";
import { comments, importSources, users } from "../db/schema";
import { findIdentity, linkIdentityStatement } from "../auth/accounts.queries";
import { ApiError } from "../lib/errors";

/**
 * Gives an imported author's comments to the reader with the site's SSO subject `sub`: when
 * that reader has no account yet, the imported author becomes their account (their next SSO
 * login lands in it); when they have one, the comments move to it (author counters follow by
 * the comments' triggers) and the imported author goes. Later imports map the same source
 * author to the reader. Returns the account that now owns the comments.
 */
export async function linkImportedAuthor(db: Db, siteId: string, authorId: string, sub: string, now = Date.now()): Promise<string> {
  const author = await db
    .select()
    .from(users)
    .where(and(eq(users.id, authorId), eq(users.siteId, siteId), isNotNull(users.importId)))
    .get();
  if (!author) throw new ApiError("not_found", "No imported author with this id on this site (or already linked)");
  const provider = `sso:${siteId}`;
  const owner = await findIdentity(db, siteId, provider, sub);
  if (!owner) {
    await runBatch(db, [
      linkIdentityStatement(db, { siteId, provider, subject: sub, userId: author.id, createdAt: now }),
      db.update(users).set({ importId: null, updatedAt: now }).where(eq(users.id, author.id)),
    ]);
    return author.id;
  }
  await runBatch(db, [
    db.update(comments).set({ authorId: owner.userId }).where(eq(comments.authorId, author.id)),
    db
      .update(importSources)
      .set({ localId: owner.userId })
      .where(and(eq(importSources.siteId, siteId), eq(importSources.kind, "author"), eq(importSources.localId, author.id))),
    db.delete(users).where(eq(users.id, author.id)),
  ]);
  return owner.userId;
}
