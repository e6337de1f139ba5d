import { z } from "@hono/zod-openapi";
import { commentStatuses, notificationTypes, reactionValues, reportReasons } from "../db/schema";
import { displayNameSchema, identitySchema, meSchema } from "../auth/auth.schemas";

export const renameSchema = z.object({ name: displayNameSchema }).strict().openapi("Rename");

export const accountExportSchema = z
  .object({
    exportedAt: z.string(),
    profile: meSchema,
    identities: z.array(identitySchema.extend({ subject: z.string() })),
    comments: z.array(
      z.object({
        id: z.string(),
        articleId: z.string(),
        parentId: z.string().nullable(),
        body: z.string().nullable(),
        status: z.enum(commentStatuses),
        deleted: z.boolean(),
        likes: z.number(),
        dislikes: z.number(),
        createdAt: z.string(),
        editedAt: z.string().nullable(),
      }),
    ),
    reactions: z.array(z.object({ commentId: z.string(), value: z.enum(reactionValues), createdAt: z.string() })),
    reports: z.array(z.object({ id: z.string(), commentId: z.string(), reason: z.enum(reportReasons), note: z.string().nullable(), createdAt: z.string() })),
    notifications: z.array(
      z.object({
        id: z.string(),
        type: z.enum(notificationTypes),
        commentId: z.string(),
        articleId: z.string(),
        reason: z.string().nullable(),
        milestone: z.number().int().nullable(),
        createdAt: z.string(),
        read: z.boolean(),
      }),
    ),
    emailNotifications: z.object({ optedIn: z.boolean(), addressVouched: z.boolean() }),
  })
  .openapi("AccountExport");

export type AccountExport = z.infer<typeof accountExportSchema>;
