import { z } from "@hono/zod-openapi";
import { notificationTypes } from "../db/schema";

export const notificationSchema = z
  .object({
    id: z.string(),
    type: z.enum(notificationTypes).openapi({
      description: "reply: someone replied to your comment; approved / rejected: a moderator decided on your held comment; reactions: a 공감 milestone",
    }),
    commentId: z.string().openapi({ description: "The reply (type reply), else your own comment" }),
    threadId: z.string().openapi({
      description: "The top-level comment of commentId's thread (commentId itself when it is top-level): where a page lists it",
    }),
    articleId: z.string(),
    actor: z.object({ id: z.string(), name: z.string() }).optional().openapi({ description: "Who replied (type reply)" }),
    excerpt: z.string().openapi({ description: `The comment's first characters; empty when it is no longer visible to you` }),
    reason: z.string().nullable().openapi({ description: "The moderator's reason (type rejected), else null" }),
    milestone: z.number().int().nullable().openapi({ description: "The 공감 count reached (type reactions: 10, 50, 100, 500, 1000…), else null" }),
    createdAt: z.string(),
    read: z.boolean(),
  })
  .openapi("Notification");

export const notificationListSchema = z
  .object({
    notifications: z.array(notificationSchema),
    unread: z.number().int().openapi({ description: "Unread notifications in all" }),
    nextCursor: z.string().nullable(),
  })
  .openapi("NotificationList");

export const notificationQuerySchema = z.object({
  site: z.string().min(1).max(64).optional().openapi({ description: "The site of your session (refused with 403 wrong_site when it is another)" }),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const markReadSchema = z
  .object({
    ids: z.array(z.string().min(1).max(64)).min(1).max(50).optional().openapi({ description: "At most 50 (a page); without ids: every notification" }),
  })
  .strict()
  .openapi("MarkNotificationsRead");
