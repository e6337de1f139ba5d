import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { guards } from "../db/commentRecords.queries";
import { articles, comments, idempotencyKeys, type Comment } from "../db/schema";

/**
 * Inserts a comment only while its article is open and its parent (if any) is not deleted,
 * so a post racing a close or a delete cannot slip in. `changes` tells whether it did.
 */
export function insertCommentIfAllowed(db: Db, c: Comment, alsoRequire: SQL = sql`1`) {
  const parentLive = c.parentId === null ? sql`1` : sql`exists (select 1 from ${comments} where ${comments.id} = ${c.parentId} and ${comments.deleted} = 0)`;
  return db.run(sql`
    insert into ${comments} (id, site_id, article_id, parent_id, author_id, body, public_body, status, created_at, reasons, toxicity, body_hash)
    select ${c.id}, ${c.siteId}, ${c.articleId}, ${c.parentId}, ${c.authorId}, ${c.body}, ${c.publicBody}, ${c.status}, ${c.createdAt},
           ${JSON.stringify(c.reasons)}, ${c.toxicity}, ${c.bodyHash}
    where exists (select 1 from ${articles} where ${articles.siteId} = ${c.siteId} and ${articles.id} = ${c.articleId} and ${articles.open} = 1)
      and ${parentLive} and ${alsoRequire}`);
}

/**
 * Records which comment an Idempotency-Key created, only if that comment was written. A second
 * request with the same key fails here on the primary key, which rolls its whole batch back.
 */
export function insertIdempotencyKey(db: Db, k: typeof idempotencyKeys.$inferInsert) {
  return db.run(sql`
    insert into ${idempotencyKeys} (user_id, key, request_hash, comment_id, created_at)
    select ${k.userId}, ${k.key}, ${k.requestHash}, ${k.commentId}, ${k.createdAt}
    where ${guards.exists(k.commentId)}`);
}
