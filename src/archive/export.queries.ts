import { and, asc, eq, gt, isNotNull, isNull, lte, sql } from "drizzle-orm";
import { type Db, runSteps } from "../db/client";
import { articles, bans, comments, identities, loginProviders, moderationActions, moderators, reports, sites, users } from "../db/schema";

/**
 * One keyset page of a site's rows of one kind: the `limit` rows after `after` (the key of the
 * previous page's last row), in the index's order. Never OFFSET: every page is one index seek.
 * Comments, reports and audit entries stop at `until` (the export's start), so a reply posted
 * while the export runs cannot name a parent the file does not hold.
 */
export interface Pager<Row, Key> {
  page(db: Db, siteId: string, after: Key | undefined, limit: number, until: number): Promise<Row[]>;
  keyOf(row: Row): Key;
}

/** The site and its social login providers, in one round trip. */
export async function siteWithProviders(db: Db, siteId: string) {
  const { site, providers } = await runSteps(db, {
    site: db.select().from(sites).where(eq(sites.id, siteId)).limit(1),
    providers: db.select().from(loginProviders).where(eq(loginProviders.siteId, siteId)).orderBy(asc(loginProviders.id)),
  });
  return { site: site[0], providers };
}

/** By the primary key (site_id, id). */
export const articlePager: Pager<typeof articles.$inferSelect, string> = {
  page: (db, siteId, after, limit) =>
    db
      .select()
      .from(articles)
      .where(and(eq(articles.siteId, siteId), after === undefined ? undefined : gt(articles.id, after)))
      .orderBy(asc(articles.id))
      .limit(limit),
  keyOf: (row) => row.id,
};

/** The columns an export may show: never the e-mail address. */
const authorColumns = {
  id: users.id,
  displayName: users.displayName,
  avatarUrl: users.avatarUrl,
  role: users.role,
  publishedCount: users.publishedCount,
  pendingCount: users.pendingCount,
  rejectedCount: users.rejectedCount,
  badges: users.badges,
  grantedBadges: users.grantedBadges,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
};
export type AuthorRow = { [K in keyof typeof authorColumns]: (typeof users.$inferSelect)[K] };

/** By users_site_name_idx (site_id, display_name, id). */
export const authorPager: Pager<AuthorRow, [string, string]> = {
  page: (db, siteId, after, limit) =>
    db
      .select(authorColumns)
      .from(users)
      .where(and(eq(users.siteId, siteId), after === undefined ? undefined : sql`(${users.displayName}, ${users.id}) > (${after[0]}, ${after[1]})`))
      .orderBy(asc(users.displayName), asc(users.id))
      .limit(limit),
  keyOf: (row) => [row.displayName, row.id],
};

/** By the primary key (site_id, provider, subject). */
export const identityPager: Pager<typeof identities.$inferSelect, [string, string]> = {
  page: (db, siteId, after, limit) =>
    db
      .select()
      .from(identities)
      .where(
        and(eq(identities.siteId, siteId), after === undefined ? undefined : sql`(${identities.provider}, ${identities.subject}) > (${after[0]}, ${after[1]})`),
      )
      .orderBy(asc(identities.provider), asc(identities.subject))
      .limit(limit),
  keyOf: (row) => [row.provider, row.subject],
};

/** What an export shows of a comment: not its body hash or version (both are recomputed). */
const commentColumns = {
  id: comments.id,
  articleId: comments.articleId,
  parentId: comments.parentId,
  authorId: comments.authorId,
  body: comments.body,
  publicBody: comments.publicBody,
  status: comments.status,
  deleted: comments.deleted,
  likes: comments.likes,
  dislikes: comments.dislikes,
  replyCount: comments.replyCount,
  reportCount: comments.reportCount,
  reasons: comments.reasons,
  toxicity: comments.toxicity,
  createdAt: comments.createdAt,
  editedAt: comments.editedAt,
  reportedAt: comments.reportedAt,
  reviewedAt: comments.reviewedAt,
  reviewedBy: comments.reviewedBy,
  pinnedAt: comments.pinnedAt,
  featuredAt: comments.featuredAt,
};
export type CommentRow = { [K in keyof typeof commentColumns]: (typeof comments.$inferSelect)[K] };

/** Top-level comments by comments_site_parent_idx (site_id, parent_id IS NULL, created_at, id): they come before any reply. */
export const topLevelCommentPager: Pager<CommentRow, [number, string]> = {
  page: (db, siteId, after, limit, until) =>
    db
      .select(commentColumns)
      .from(comments)
      .where(
        and(
          eq(comments.siteId, siteId),
          isNull(comments.parentId),
          lte(comments.createdAt, until),
          after === undefined ? undefined : sql`(${comments.createdAt}, ${comments.id}) > (${after[0]}, ${after[1]})`,
        ),
      )
      .orderBy(asc(comments.createdAt), asc(comments.id))
      .limit(limit),
  keyOf: (row) => [row.createdAt, row.id],
};

/** Replies by the same index, grouped by parent and in time order under it. */
export const replyPager: Pager<CommentRow, [string, number, string]> = {
  page: (db, siteId, after, limit, until) =>
    db
      .select(commentColumns)
      .from(comments)
      .where(
        and(
          eq(comments.siteId, siteId),
          lte(comments.createdAt, until),
          after === undefined
            ? isNotNull(comments.parentId)
            : sql`(${comments.parentId}, ${comments.createdAt}, ${comments.id}) > (${after[0]}, ${after[1]}, ${after[2]})`,
        ),
      )
      .orderBy(asc(comments.parentId), asc(comments.createdAt), asc(comments.id))
      .limit(limit),
  keyOf: (row) => [row.parentId ?? "", row.createdAt, row.id],
};

/** By reports_site_idx (site_id, created_at), the id breaking ties. */
export const reportPager: Pager<typeof reports.$inferSelect, [number, string]> = {
  page: (db, siteId, after, limit, until) =>
    db
      .select()
      .from(reports)
      .where(
        and(
          eq(reports.siteId, siteId),
          lte(reports.createdAt, until),
          after === undefined ? undefined : sql`(${reports.createdAt}, ${reports.id}) > (${after[0]}, ${after[1]})`,
        ),
      )
      .orderBy(asc(reports.createdAt), asc(reports.id))
      .limit(limit),
  keyOf: (row) => [row.createdAt, row.id],
};

/** By the primary key (site_id, user_id). */
export const moderatorPager: Pager<typeof moderators.$inferSelect, string> = {
  page: (db, siteId, after, limit) =>
    db
      .select()
      .from(moderators)
      .where(and(eq(moderators.siteId, siteId), after === undefined ? undefined : gt(moderators.userId, after)))
      .orderBy(asc(moderators.userId))
      .limit(limit),
  keyOf: (row) => row.userId,
};

/** By the primary key (site_id, user_id). */
export const banPager: Pager<typeof bans.$inferSelect, string> = {
  page: (db, siteId, after, limit) =>
    db
      .select()
      .from(bans)
      .where(and(eq(bans.siteId, siteId), after === undefined ? undefined : gt(bans.userId, after)))
      .orderBy(asc(bans.userId))
      .limit(limit),
  keyOf: (row) => row.userId,
};

/** By actions_site_idx (site_id, created_at, id), oldest first. */
export const moderationActionPager: Pager<typeof moderationActions.$inferSelect, [number, string]> = {
  page: (db, siteId, after, limit, until) =>
    db
      .select()
      .from(moderationActions)
      .where(
        and(
          eq(moderationActions.siteId, siteId),
          lte(moderationActions.createdAt, until),
          after === undefined ? undefined : sql`(${moderationActions.createdAt}, ${moderationActions.id}) > (${after[0]}, ${after[1]})`,
        ),
      )
      .orderBy(asc(moderationActions.createdAt), asc(moderationActions.id))
      .limit(limit),
  keyOf: (row) => [row.createdAt, row.id],
};
