/**
 * The API's shapes as the dashboard reads them, from the server's zod schemas (README
 * "Moderation"). Type imports only: nothing of the server reaches the bundle.
 */
import type { z } from "zod";
import type {
  auditEntrySchema,
  bulkSchema,
  moderatedCommentSchema,
  moderatedSiteSchema,
  queueItemSchema,
  queueQuerySchema,
  whoSchema,
} from "../../moderation/moderation.schemas";
import type { publicProviderSchema } from "../../auth/social/providerConfig.schemas";

export type { AdminUser } from "../../admin/users.schemas";
export type { SiteSettings } from "../../sites/settings";
import type { adaptationSchema } from "../../moderation/adaptation/adaptation.schemas";

/** GET /sites/:site/moderation/adaptation: what the site learnt from its moderators. */
export type SiteAdaptation = z.infer<typeof adaptationSchema>;

export type QueueName = z.infer<typeof queueQuerySchema>["queue"];
/** The queues in the order of their tabs. */
export const QUEUES = ["pending", "reported", "rejected", "approved"] as const satisfies readonly QueueName[];
export type Decision = z.infer<typeof bulkSchema>["action"];

export type ModeratedComment = z.infer<typeof moderatedCommentSchema>;
export type QueueItem = z.infer<typeof queueItemSchema>;
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** GET /sites/:site/moderation/queue. */
export interface QueuePage {
  items: QueueItem[];
  counts: Record<QueueName, number>;
  nextCursor: string | null;
}

/** The 409 of a decision another moderator made first (`details.current`): the state that won. */
export type CurrentState = Pick<ModeratedComment, "id" | "status" | "version" | "reported">;

/** One comment's answer in POST /moderation/bulk. */
export interface BulkResult {
  id: string;
  ok: boolean;
  comment?: ModeratedComment;
  error?: { code: string; details?: Record<string, unknown> };
}

export type Site = z.infer<typeof moderatedSiteSchema>;
/** A social login a site offers (GET /sites/:site/login-providers). */
export type Provider = z.infer<typeof publicProviderSchema>;

/** GET /moderation/sites: who is asking, and what they moderate. */
export interface Caller {
  moderator: z.infer<typeof whoSchema>;
  sites: Site[];
}

// Declared inside its route (src/admin/admin.routes.ts), which a browser project cannot
// type-check: its fields are written here.
/** A granted moderator (GET /admin/sites/:site/moderators). */
export interface Moderator {
  userId: string;
  name: string;
  createdAt: string;
}
