import { and, eq, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import { runSteps, type Db } from "../db/client";
import { comments, MAX_PINS, type Comment } from "../db/schema";
import { ApiError } from "../lib/errors";
import { auditStatement } from "./audit.queries";
import type { Actor } from "./types";

/** What a moderator can mark a comment as: pinned first on its article (고정됨), or featured (추천). */
export type Highlight = "pin" | "feature";

const column = (kind: Highlight) => (kind === "pin" ? comments.pinnedAt : comments.featuredAt);
const isMarked = (comment: Comment, kind: Highlight) => (kind === "pin" ? comment.pinnedAt : comment.featuredAt) !== null;

/** The article's pinned comments that count towards its 3 (the partial pinned index). */
const pinsOf = (c: Comment) =>
  sql`(select count(*) from ${comments} where ${comments.siteId} = ${c.siteId} and ${comments.articleId} = ${c.articleId} and ${comments.pinnedAt} is not null and ${comments.parentId} is null and ${comments.status} = 'published' and ${comments.deleted} = 0)`;

/**
 * Pins or features (`on`), or takes it back, a published top-level comment; audited as
 * pin/unpin/feature/unfeature. Idempotent: asking for what already is changes nothing and
 * writes no audit entry. An article holds at most 3 pins: a fourth answers 409 `too_many_pins`
 * (checked in the write's own guard as well, so two moderators racing cannot make four).
 */
export async function setHighlight(db: Db, actor: Actor, comment: Comment, kind: Highlight, on: boolean, now = Date.now()): Promise<Comment> {
  if (on && (comment.parentId !== null || comment.status !== "published")) {
    throw new ApiError("not_pinnable", "Only published top-level comments can be pinned or featured");
  }
  if (isMarked(comment, kind) === on) return comment;
  const target = column(kind);
  const guards: SQL[] = [eq(comments.id, comment.id), eq(comments.deleted, false), on ? isNull(target) : isNotNull(target)];
  if (on) guards.push(eq(comments.status, "published"));
  if (on && kind === "pin") guards.push(sql`${pinsOf(comment)} < ${MAX_PINS}`);
  const holds = sql`exists (select 1 from ${comments} where ${and(...guards)})`;
  const action = `${on ? "" : "un"}${kind}`;
  const { update } = await runSteps(db, {
    audit: auditStatement(
      db,
      {
        siteId: comment.siteId,
        commentId: comment.id,
        userId: comment.authorId,
        actorType: actor.type,
        actorId: actor.id,
        action,
        statusBefore: comment.status,
        statusAfter: comment.status,
        createdAt: now,
      },
      holds,
    ),
    update: db
      .update(comments)
      .set(kind === "pin" ? { pinnedAt: on ? now : null } : { featuredAt: on ? now : null })
      .where(and(...guards)),
  });
  if (update.meta.changes === 0) throw await refusal(db, comment, kind);
  return { ...comment, ...(kind === "pin" ? { pinnedAt: on ? now : null } : { featuredAt: on ? now : null }) };
}

/** Why a guarded change did not apply: the article's pins are full, or the comment changed meanwhile. */
async function refusal(db: Db, comment: Comment, kind: Highlight): Promise<ApiError> {
  if (kind === "pin") {
    const pinned = await db
      .select({ id: comments.id })
      .from(comments)
      .where(
        and(
          eq(comments.siteId, comment.siteId),
          eq(comments.articleId, comment.articleId),
          isNotNull(comments.pinnedAt),
          isNull(comments.parentId),
          eq(comments.status, "published"),
          eq(comments.deleted, false),
        ),
      );
    if (pinned.length >= MAX_PINS && !pinned.some((p) => p.id === comment.id)) {
      return new ApiError("too_many_pins", `An article shows at most ${MAX_PINS} pinned comments: unpin one first`, { pinned: pinned.map((p) => p.id) });
    }
  }
  return new ApiError("state_changed", "Someone else changed this comment first");
}
