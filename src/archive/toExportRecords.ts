import type { bans, identities, LoginProviderRow, moderationActions, moderators, reports, Site, Article } from "../db/schema";
import { iso } from "../lib/iso";
import { resolveSettings } from "../sites/settings";
import type { AuthorRow, CommentRow } from "./export.queries";
import type {
  ArticleRecord,
  AuthorRecord,
  BanRecord,
  CommentRecord,
  IdentityRecord,
  ModerationActionRecord,
  ModeratorRecord,
  ReportRecord,
  SiteExportRecord,
} from "./exportFormat";

/** Rows as export records: each function picks fields explicitly, so a new secret column never leaks by default. */
export function toSiteRecord(site: Site, providers: LoginProviderRow[]): SiteExportRecord {
  const { webhookUrl, ...settings } = resolveSettings(site.settings);
  return {
    type: "site",
    id: site.id,
    name: site.name,
    origins: site.origins,
    settings,
    webhookConfigured: webhookUrl !== null,
    loginProviders: providers.map((p) => ({
      id: p.id,
      enabled: p.enabled,
      label: p.label,
      clientId: p.clientId,
      clientSecretRef: p.clientSecretRef,
      hasClientSecret: p.clientSecretSealed !== null,
      issuer: p.issuer,
      endpoints: p.endpoints,
      scopes: p.scopes,
    })),
    createdAt: iso(site.createdAt),
    updatedAt: iso(site.updatedAt),
  };
}

export const toArticleRecord = (a: Article): ArticleRecord => ({
  type: "article",
  id: a.id,
  url: a.url,
  title: a.title,
  open: a.open,
  premoderation: a.premoderation,
  commentCount: a.commentCount,
  createdAt: iso(a.createdAt),
});

export const toAuthorRecord = (u: AuthorRow): AuthorRecord => ({
  type: "author",
  id: u.id,
  displayName: u.displayName,
  avatarUrl: u.avatarUrl,
  role: u.role,
  counts: { published: u.publishedCount, pending: u.pendingCount, rejected: u.rejectedCount },
  badges: u.badges,
  grantedBadges: u.grantedBadges,
  createdAt: iso(u.createdAt),
  updatedAt: iso(u.updatedAt),
});

/** The site's own SSO is `sso:<site id>` in the database and plain `sso` in a file: it follows the site it is imported into. */
export const toIdentityRecord = (i: typeof identities.$inferSelect, siteId: string): IdentityRecord => ({
  type: "identity",
  authorId: i.userId,
  provider: i.provider === `sso:${siteId}` ? "sso" : i.provider,
  subject: i.subject,
  createdAt: iso(i.createdAt),
});

export const toCommentRecord = (c: CommentRow): CommentRecord => ({
  type: "comment",
  id: c.id,
  articleId: c.articleId,
  parentId: c.parentId,
  authorId: c.authorId,
  body: c.deleted ? null : c.body,
  publicBody: c.deleted ? null : c.publicBody,
  status: c.status,
  deleted: c.deleted,
  likes: c.likes,
  dislikes: c.dislikes,
  replyCount: c.replyCount,
  reportCount: c.reportCount,
  reasons: c.reasons,
  toxicity: c.toxicity,
  createdAt: iso(c.createdAt),
  editedAt: iso(c.editedAt),
  reportedAt: iso(c.reportedAt),
  reviewedAt: iso(c.reviewedAt),
  reviewedBy: c.reviewedBy,
  pinnedAt: iso(c.pinnedAt),
  featuredAt: iso(c.featuredAt),
});

export const toReportRecord = (r: typeof reports.$inferSelect): ReportRecord => ({
  type: "report",
  id: r.id,
  commentId: r.commentId,
  userId: r.userId,
  reason: r.reason,
  note: r.note,
  createdAt: iso(r.createdAt),
});

export const toModeratorRecord = (m: typeof moderators.$inferSelect): ModeratorRecord => ({ type: "moderator", userId: m.userId, createdAt: iso(m.createdAt) });

export const toBanRecord = (b: typeof bans.$inferSelect): BanRecord => ({
  type: "ban",
  userId: b.userId,
  until: iso(b.until),
  reason: b.reason,
  createdBy: b.createdBy,
  createdAt: iso(b.createdAt),
});

export const toModerationActionRecord = (a: typeof moderationActions.$inferSelect): ModerationActionRecord => ({
  type: "moderationAction",
  id: a.id,
  commentId: a.commentId,
  userId: a.userId,
  actorType: a.actorType,
  actorId: a.actorId,
  action: a.action,
  statusBefore: a.statusBefore,
  statusAfter: a.statusAfter,
  reason: a.reason,
  details: a.details,
  createdAt: iso(a.createdAt),
});
