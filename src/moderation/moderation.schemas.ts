import { z } from "@hono/zod-openapi";
import { queues, reportReasons, type Comment, type moderationActions } from "../db/schema";
import { iso } from "../lib/iso";
import { explanationSchema } from "./adaptation/adaptation.schemas";
import { badgeListSchema } from "../auth/auth.schemas";

/** The decisions a moderator can make on a comment (POST /moderation/comments/:id/<action>, and in bulk). */
export const moderationActionNames = ["approve", "reject", "restore"] as const;

export const queueQuerySchema = z.object({
  queue: z.enum(queues).default("pending"),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** `version` is the comment's version the moderator saw: if it changed meanwhile, the decision is refused (409). */
const seenVersion = z.number().int().min(0).optional().openapi({ description: "The comment version shown to the moderator; 409 if it has changed since" });

export const decisionSchema = z.object({ reason: z.string().trim().max(500).optional(), version: seenVersion }).strict();

export const bulkSchema = z
  .object({
    action: z.enum(moderationActionNames),
    ids: z.array(z.string().min(1).max(64)).min(1).max(100),
    reason: z.string().trim().max(500).optional(),
    versions: z.record(z.string(), z.number().int().min(0)).optional().openapi({ description: "Version seen per id, as for single decisions" }),
  })
  .strict()
  .openapi("BulkModeration");

export const banSchema = z
  .object({
    until: z.string().datetime({ offset: true }).optional().openapi({ description: "ISO date; omitted for a permanent ban" }),
    reason: z.string().trim().max(500).optional(),
  })
  .strict()
  .openapi("Ban");

export const logQuerySchema = z.object({
  commentId: z.string().min(1).max(64).optional(),
  userId: z.string().min(1).max(64).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

const reasonSchema = z.object({ source: z.string(), action: z.string(), code: z.string(), detail: z.string().optional() });

export const moderatedCommentSchema = z
  .object({
    id: z.string(),
    articleId: z.string(),
    parentId: z.string().nullable(),
    body: z.string().nullable(),
    publicBody: z
      .string()
      .nullable()
      .openapi({ description: "What readers see when it differs from body (the site's profanity policy masks words as ○○○); null when it does not" }),
    status: z.enum(["published", "pending", "rejected"]),
    createdAt: z.string(),
    editedAt: z.string().nullable(),
    likes: z.number().int(),
    dislikes: z.number().int(),
    replyCount: z.number().int(),
    reportCount: z.number().int(),
    toxicity: z.number().nullable(),
    reported: z.boolean(),
    reviewedAt: z.string().nullable(),
    reviewedBy: z.string().nullable(),
    version: z.number().int(),
    pinned: z.boolean().openapi({ description: "Pinned on its article (고정됨)" }),
    featured: z.boolean().openapi({ description: "Featured (추천 댓글)" }),
  })
  .openapi("ModeratedComment");

/** A moderator's badges for a user of their site (they replace the badges moderators gave before). */
export const grantBadgesSchema = z.object({ badges: badgeListSchema }).strict().openapi("GrantBadges");

export const userBadgesSchema = z
  .object({
    userId: z.string(),
    badges: z.array(z.string()).openapi({ description: "As shown next to the name: the SSO claim's, then those moderators gave" }),
    grantedBadges: z.array(z.string()).openapi({ description: "Those moderators gave" }),
  })
  .openapi("UserBadges");

export const queueItemSchema = z
  .object({
    comment: moderatedCommentSchema,
    article: z.object({ id: z.string(), title: z.string().nullable(), url: z.string().nullable() }),
    author: z.object({
      id: z.string(),
      name: z.string(),
      avatar: z.string().nullable(),
      createdAt: z.string(),
      history: z.object({ published: z.number().int(), pending: z.number().int(), rejected: z.number().int() }),
      ban: z.object({ until: z.string().nullable(), reason: z.string().nullable() }).nullable(),
    }),
    reasons: z.array(reasonSchema),
    reports: z.array(z.object({ reason: z.enum(reportReasons), note: z.string().nullable(), userId: z.string(), createdAt: z.string() })),
    explanation: explanationSchema.nullable().openapi({ description: "What pushed the score (comment.toxicity); null for a comment that was not scored" }),
  })
  .openapi("QueueItem");

export const auditEntrySchema = z
  .object({
    id: z.string(),
    commentId: z.string().nullable(),
    userId: z.string().nullable(),
    actorType: z.string(),
    actorId: z.string().nullable(),
    action: z.string(),
    statusBefore: z.string().nullable(),
    statusAfter: z.string().nullable(),
    reason: z.string().nullable(),
    details: z.record(z.string(), z.unknown()).nullable(),
    createdAt: z.string(),
  })
  .openapi("AuditEntry");

export function toModeratedComment(c: Comment): z.infer<typeof moderatedCommentSchema> {
  return {
    id: c.id,
    articleId: c.articleId,
    parentId: c.parentId,
    body: c.body,
    publicBody: c.publicBody,
    status: c.status,
    createdAt: iso(c.createdAt)!,
    editedAt: iso(c.editedAt),
    likes: c.likes,
    dislikes: c.dislikes,
    replyCount: c.replyCount,
    reportCount: c.reportCount,
    toxicity: c.toxicity,
    reported: c.reportedAt !== null,
    reviewedAt: iso(c.reviewedAt),
    reviewedBy: c.reviewedBy,
    version: c.version,
    pinned: c.pinnedAt !== null,
    featured: c.featuredAt !== null,
  };
}

export function toAuditEntry(a: typeof moderationActions.$inferSelect): z.infer<typeof auditEntrySchema> {
  return {
    id: a.id,
    commentId: a.commentId,
    userId: a.userId,
    actorType: a.actorType,
    actorId: a.actorId,
    action: a.action,
    statusBefore: a.statusBefore,
    statusAfter: a.statusAfter,
    reason: a.reason,
    details: a.details ?? null,
    createdAt: iso(a.createdAt)!,
  };
}

/** A site the caller may moderate (GET /moderation/sites). */
export const moderatedSiteSchema = z.object({ id: z.string(), name: z.string() }).openapi("ModeratedSite");

/** Who asks GET /moderation/sites: the admin token, or a moderator's session. */
export const whoSchema = z
  .object({
    type: z.enum(["admin", "moderator"]),
    user: z.object({ id: z.string(), name: z.string() }).nullable().openapi({ description: "The moderator's account; null for the admin token" }),
  })
  .openapi("ModerationCaller");
