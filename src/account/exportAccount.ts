import { asc, eq } from "drizzle-orm";
import { runBatch, type Db } from "../db/client";
import { comments, identities, notificationSettings, notifications, reactions, reports, type Comment, type User } from "../db/schema";
import { toMe } from "../auth/auth.schemas";
import type { AccountExport } from "./account.schemas";
import { iso } from "../lib/iso";

/**
 * Everything the service keeps about a reader, as privacy law (PIPA, GDPR) entitles them to:
 * profile, identities, their comments with bodies (any status), reactions, reports, their
 * notifications and whether they get them by e-mail (not the sealed address: the profile has the
 * one the site sent). Read in one batch through the per-user indexes.
 */
export async function exportAccount(db: Db, user: User, moderates: boolean, now = Date.now()): Promise<AccountExport> {
  const [ids, written, reacted, reported, notified, emailSettings] = (await runBatch(db, [
    db.select().from(identities).where(eq(identities.userId, user.id)).orderBy(asc(identities.createdAt)),
    db.select().from(comments).where(eq(comments.authorId, user.id)).orderBy(asc(comments.createdAt), asc(comments.id)),
    db.select().from(reactions).where(eq(reactions.userId, user.id)).orderBy(asc(reactions.createdAt)),
    db.select().from(reports).where(eq(reports.userId, user.id)).orderBy(asc(reports.createdAt)),
    db.select().from(notifications).where(eq(notifications.userId, user.id)).orderBy(asc(notifications.createdAt), asc(notifications.id)),
    db.select().from(notificationSettings).where(eq(notificationSettings.userId, user.id)),
  ])) as [
    (typeof identities.$inferSelect)[],
    Comment[],
    (typeof reactions.$inferSelect)[],
    (typeof reports.$inferSelect)[],
    (typeof notifications.$inferSelect)[],
    (typeof notificationSettings.$inferSelect)[],
  ];
  return {
    exportedAt: iso(now),
    profile: toMe(user, moderates),
    identities: ids.map((i) => ({ provider: i.provider, subject: i.subject, createdAt: iso(i.createdAt) })),
    comments: written.map((c) => ({
      id: c.id,
      articleId: c.articleId,
      parentId: c.parentId,
      body: c.body,
      status: c.status,
      deleted: c.deleted,
      likes: c.likes,
      dislikes: c.dislikes,
      createdAt: iso(c.createdAt),
      editedAt: c.editedAt === null ? null : iso(c.editedAt),
    })),
    reactions: reacted.map((r) => ({ commentId: r.commentId, value: r.value, createdAt: iso(r.createdAt) })),
    reports: reported.map((r) => ({ id: r.id, commentId: r.commentId, reason: r.reason, note: r.note, createdAt: iso(r.createdAt) })),
    notifications: notified.map((n) => ({
      id: n.id,
      type: n.type,
      commentId: n.commentId,
      articleId: n.articleId,
      reason: n.reason,
      milestone: n.milestone,
      createdAt: iso(n.createdAt),
      read: n.readAt !== null,
    })),
    emailNotifications: { optedIn: emailSettings[0]?.emailOptIn ?? false, addressVouched: (emailSettings[0]?.emailSealed ?? null) !== null },
  };
}
