import type { Comment } from "../db/schema";

/**
 * What a site's webhook is told: a comment entered a queue, a moderator acted, a comment became
 * public (`comment.published`: posted and published at once, or approved/restored by a
 * moderator), and, for a reply, that it answered a comment (`comment.replied`).
 */
export interface WebhookEvent {
  siteId: string;
  type: "comment.queued" | "moderation.action" | "comment.published" | "comment.replied";
  /** The queue entered (pending, reported, rejected), the action taken (approve, reject, ban...), or how a comment became public (new, approve, restore). */
  name: string;
  commentId?: string;
  userId?: string;
  /** comment.published and comment.replied: the comment's article, and the comment replied to. */
  articleId?: string;
  parentId?: string;
  actor?: { type: string; id: string | null };
  reasons?: string[];
  at: string;
}

export function event(siteId: string, type: WebhookEvent["type"], name: string, fields: Partial<WebhookEvent> = {}): WebhookEvent {
  return { siteId, type, name, ...fields, at: new Date().toISOString() };
}

/**
 * The events of a comment that just became public (`how`: new, approve, restore):
 * comment.published, and comment.replied when it is a reply.
 *
 * @example c.get("events").push(...publishedEvents(comment, "new"));
 */
export function publishedEvents(comment: Pick<Comment, "id" | "siteId" | "authorId" | "articleId" | "parentId">, how: string): WebhookEvent[] {
  const fields = { commentId: comment.id, userId: comment.authorId, articleId: comment.articleId };
  const published = event(comment.siteId, "comment.published", how, fields);
  return comment.parentId ? [published, event(comment.siteId, "comment.replied", how, { ...fields, parentId: comment.parentId })] : [published];
}
