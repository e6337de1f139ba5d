import { createRoute, z } from "@hono/zod-openapi";
import type { Session } from "../auth/sessions.queries";
import { ApiError } from "../lib/errors";
import { iso } from "../lib/iso";
import { decodeKey, encodeKey } from "../lib/keysetCursor";
import { bearerSecurity, createRouter, errorResponses, jsonBody, jsonResponse } from "../lib/openapi";
import { burstLimit } from "../limits/burst";
import { requireSession } from "../middleware/auth";
import { markRead, notificationPage, type NotificationRow } from "./inbox.queries";
import { markReadSchema, notificationListSchema, notificationQuerySchema, type notificationSchema } from "./notifications.schemas";
import { mayQuote } from "./visibleComment";

const common = { tags: ["Notifications"], security: bearerSecurity };
const CURSOR_SCOPE = "notifications";

const routes = {
  list: createRoute({
    ...common,
    method: "get",
    path: "/me/notifications",
    summary: "My notifications, newest first (kept 30 days), with the unread count",
    middleware: [requireSession] as const,
    request: { query: notificationQuerySchema },
    responses: { 200: jsonResponse(notificationListSchema, "A page of notifications"), ...errorResponses(400, 401, 403) },
  }),
  read: createRoute({
    ...common,
    method: "post",
    path: "/me/notifications/read",
    summary: "Mark some (ids) or all of my notifications read",
    middleware: [burstLimit, requireSession] as const,
    request: { ...jsonBody(markReadSchema, false) },
    responses: { 200: jsonResponse(z.object({ unread: z.number().int() }), "The unread count left"), ...errorResponses(400, 401) },
  }),
};

/**
 * A notification as its reader sees it. The excerpt is the comment's text while the reader may
 * still see it (public, or their own); a reply hidden since shows none.
 */
function toNotificationJson(row: NotificationRow, session: Session): z.infer<typeof notificationSchema> {
  const n = row.notification;
  const visible = mayQuote(row, session.user.id);
  return {
    id: n.id,
    type: n.type,
    commentId: n.commentId,
    threadId: row.threadId ?? n.commentId,
    articleId: n.articleId,
    ...(n.actorId && row.actorName !== null ? { actor: { id: n.actorId, name: row.actorName } } : {}),
    excerpt: visible ? (row.excerpt ?? "") : "",
    reason: n.reason,
    milestone: n.milestone,
    createdAt: iso(n.createdAt),
    read: n.readAt !== null,
  };
}

/** The reader's in-widget notifications (알림): replies, moderators' decisions, 공감 milestones. */
export const notificationRoutes = createRouter()
  .openapi(routes.list, async (c) => {
    const session = c.get("session")!;
    const { site, cursor, limit } = c.req.valid("query");
    if (site !== undefined && site !== session.siteId) throw new ApiError("wrong_site", "Your session is for another site");
    const { rows, unread } = await notificationPage(c.get("db"), session.user.id, limit, cursor ? decodeKey(cursor, CURSOR_SCOPE) : undefined);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1]?.notification;
    c.header("Cache-Control", "private, no-store");
    return c.json(
      {
        notifications: page.map((row) => toNotificationJson(row, session)),
        unread,
        nextCursor: rows.length > limit && last ? encodeKey({ at: last.createdAt, id: last.id }, CURSOR_SCOPE) : null,
      },
      200,
    );
  })
  .openapi(routes.read, async (c) => {
    const session = c.get("session")!;
    const ids = c.req.valid("json")?.ids;
    return c.json({ unread: await markRead(c.get("db"), session.user.id, ids) }, 200);
  });
