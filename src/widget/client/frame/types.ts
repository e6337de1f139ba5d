/**
 * What the API answers, as the server's zod schemas define it (README "Comments"). Type imports
 * only: nothing of the server reaches the bundle.
 */
import type { z } from "zod";
import type { identitySchema } from "../../../auth/auth.schemas";
import type { meSchema, sessionResponseSchema } from "../../../auth/auth.schemas";
import type { publicProviderSchema } from "../../../auth/social/providerConfig.schemas";
import type { articleSchema, CommentJson, ThreadCommentJson } from "../../../comments/comments.schemas";
import type { notificationListSchema } from "../../../notifications/notifications.schemas";

export type { Sort } from "../../../comments/comments.schemas";
/** Server-side settings the frame page carries (src/widget/frameHtml.ts). */
export type { FrameConfig } from "../../frameHtml";

export type Comment = CommentJson;
export type Thread = ThreadCommentJson;
export type Article = z.infer<typeof articleSchema>;
export type Me = z.infer<typeof meSchema>;
/** A new session (POST /auth/sso, or the social login popup's). */
export type Session = z.infer<typeof sessionResponseSchema>;
/** A social login the site offers (GET /sites/:site/login-providers). */
export type Provider = z.infer<typeof publicProviderSchema>;
export type Identity = z.infer<typeof identitySchema>;

/** A page of top-level comments (GET /sites/:site/articles/:article/comments), or of one's replies (?parent=). */
export interface CommentPage {
  article: Article;
  /** Pinned comments (고정됨), on first pages of top-level comments only. */
  pinned: Thread[];
  comments: Thread[];
  nextCursor: string | null;
  /** On a signed-in reader's page: whether they moderate the site now. */
  viewer?: { moderates: boolean };
}

/** PUT /comments/:id/reaction: the reader's reaction and the counts after it. */
export type ReactionResult = { value: Comment["myReaction"] } & Pick<Comment, "likes" | "dislikes">;

/** GET /me/notifications: a page of the reader's notifications (알림), newest first, and the unread count. */
export type NotificationPage = z.infer<typeof notificationListSchema>;
export type Notification = NotificationPage["notifications"][number];

/** GET /sites/:site/users/:userId/comments: a reader's public comment history (댓글 이력). */
export interface HistoryPage {
  user: { id: string; name: string; badges: string[]; commentCount: number; likesReceived: number; joinedAt: string };
  comments: (Comment & { article: { id: string; title: string | null; url: string | null } })[];
  nextCursor: string | null;
}
