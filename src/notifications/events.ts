/** What a site's webhook is told: a comment entered a queue, or a moderator acted. */
export interface WebhookEvent {
  siteId: string;
  type: "comment.queued" | "moderation.action";
  /** The queue entered (pending, reported, rejected) or the action taken (approve, reject, ban...). */
  name: string;
  commentId?: string;
  userId?: string;
  actor?: { type: string; id: string | null };
  reasons?: string[];
  at: string;
}

export function event(siteId: string, type: WebhookEvent["type"], name: string, fields: Partial<WebhookEvent> = {}): WebhookEvent {
  return { siteId, type, name, ...fields, at: new Date().toISOString() };
}
