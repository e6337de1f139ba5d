import { z } from "zod";
import { actorTypes, commentStatuses, reportReasons } from "../db/schema";

/**
 * The Marginalia export format, version 1: gzipped NDJSON, one JSON record per line, each with
 * a `type`. A file is a header, then the site's records, then a trailer:
 *
 *   marginalia-export → site → article* → author* → identity* → comment* → report* →
 *   moderator* → ban* → moderationAction* → marginalia-export-end
 *
 * Every record carries its stable source id (`id`, or its key: `authorId` + `provider` for an
 * identity, `userId` for a ban or a moderator) and names others by those ids; a reference always
 * points at a record earlier in the file (a reply comes after its parent), except those naming
 * people who may be gone: a deleted account's anonymous `anon_…` id (the `authorId` of its
 * placeholders, `reviewedBy`, `actorId`, `createdBy`, audit `userId`), or `admin`. Comments,
 * reports and audit entries are those created up to `exportedAt`. Times are ISO 8601 in UTC
 * with milliseconds.
 * Secrets (SSO, webhook and client secrets, sealed values, session tokens and their hashes) and
 * e-mail addresses are never written. The trailer counts the records of each type, so a reader
 * knows a file that broke off from a complete one.
 *
 * Readers skip record types they do not know (types may be added within a version); a change
 * to the meaning of existing fields makes a new version.
 */
export const EXPORT_VERSION = 1;

const time = z.iso.datetime();
const id = z.string().min(1).max(200);
const count = z.number().int().min(0);

const headerRecord = z.object({
  type: z.literal("marginalia-export"),
  version: z.number().int().min(1),
  siteId: id,
  exportedAt: time,
});

const loginProviderSchema = z.object({
  id,
  enabled: z.boolean(),
  label: z.string().nullable(),
  clientId: z.string(),
  /** The name of the Worker secret holding the client secret (not the secret). */
  clientSecretRef: z.string().nullable(),
  /** Whether a sealed client secret was stored: it must be entered again after a restore. */
  hasClientSecret: z.boolean(),
  issuer: z.string().nullable(),
  endpoints: z.object({ authorization: z.string(), token: z.string(), profile: z.string() }).nullable(),
  scopes: z.array(z.string()).nullable(),
});

const siteRecord = z.object({
  type: z.literal("site"),
  id,
  name: z.string(),
  origins: z.array(z.string()),
  /** The effective settings (src/sites/settings.ts) without `webhookUrl`, which may carry a credential. */
  settings: z.record(z.string(), z.unknown()),
  /** Whether the site delivered webhooks: the URL and its signing secret are set again after a restore. */
  webhookConfigured: z.boolean(),
  loginProviders: z.array(loginProviderSchema),
  createdAt: time,
  updatedAt: time,
});

const articleRecord = z.object({
  type: z.literal("article"),
  id,
  url: z.string().nullable(),
  title: z.string().nullable(),
  open: z.boolean(),
  premoderation: z.enum(["off", "new-users", "all"]).nullable(),
  /** Published, not deleted comments (recomputed on import; here to check against). */
  commentCount: count,
  createdAt: time,
});

const authorRecord = z.object({
  type: z.literal("author"),
  id,
  displayName: z.string(),
  avatarUrl: z.string().nullable(),
  role: z.enum(["commenter", "moderator"]),
  counts: z.object({ published: count, pending: count, rejected: count }),
  /** Badges from the SSO claim, and those moderators gave (absent in files from before badges). */
  badges: z.array(z.string()).optional(),
  grantedBadges: z.array(z.string()).optional(),
  createdAt: time,
  updatedAt: time,
});

/** How an author logs in: `sso` (the site's own SSO, whatever the site's id) or a provider id. */
const identityRecord = z.object({
  type: z.literal("identity"),
  authorId: id,
  provider: z.string().min(1),
  subject: z.string().min(1),
  createdAt: time,
});

const reasonSchema = z.object({
  source: z.string(),
  action: z.enum(["hold", "reject", "mask", "approve", "report"]),
  code: z.string(),
  detail: z.string().optional(),
});

const commentRecord = z.object({
  type: z.literal("comment"),
  id,
  articleId: id,
  parentId: id.nullable(),
  authorId: id,
  /** Null when the comment was deleted: its text is gone, only the placeholder remains. */
  body: z.string().nullable(),
  /** What readers see when the site masked profanity in it (○○○); null when it is the body. */
  publicBody: z.string().nullable().optional(),
  status: z.enum(commentStatuses),
  deleted: z.boolean(),
  likes: count,
  dislikes: count,
  replyCount: count,
  reportCount: count,
  reasons: z.array(reasonSchema),
  toxicity: z.number().min(0).max(1).nullable(),
  createdAt: time,
  editedAt: time.nullable(),
  reportedAt: time.nullable(),
  reviewedAt: time.nullable(),
  reviewedBy: z.string().nullable(),
  /** When a moderator pinned it (고정) or featured it (추천); absent in files from before pins. */
  pinnedAt: time.nullable().optional(),
  featuredAt: time.nullable().optional(),
});

const reportRecord = z.object({
  type: z.literal("report"),
  id,
  commentId: id,
  userId: id,
  reason: z.enum(reportReasons),
  note: z.string().nullable(),
  createdAt: time,
});

const moderatorRecord = z.object({ type: z.literal("moderator"), userId: id, createdAt: time });

const banRecord = z.object({
  type: z.literal("ban"),
  userId: id,
  /** Null: for good. */
  until: time.nullable(),
  reason: z.string().nullable(),
  createdBy: z.string(),
  createdAt: time,
});

const moderationActionRecord = z.object({
  type: z.literal("moderationAction"),
  id,
  commentId: z.string().nullable(),
  userId: z.string().nullable(),
  actorType: z.enum(actorTypes),
  actorId: z.string().nullable(),
  action: z.string(),
  statusBefore: z.string().nullable(),
  statusAfter: z.string().nullable(),
  reason: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  createdAt: time,
});

/** The record types between the header and the trailer, in the order a file lists them. */
export const bodyRecordTypes = ["site", "article", "author", "identity", "comment", "report", "moderator", "ban", "moderationAction"] as const;

const trailerRecord = z.object({
  type: z.literal("marginalia-export-end"),
  counts: z.record(z.string(), count),
});

export const exportRecord = z.discriminatedUnion("type", [
  headerRecord,
  siteRecord,
  articleRecord,
  authorRecord,
  identityRecord,
  commentRecord,
  reportRecord,
  moderatorRecord,
  banRecord,
  moderationActionRecord,
  trailerRecord,
]);

export type ExportRecord = z.infer<typeof exportRecord>;
export type SiteExportRecord = z.infer<typeof siteRecord>;
export type ArticleRecord = z.infer<typeof articleRecord>;
export type AuthorRecord = z.infer<typeof authorRecord>;
export type IdentityRecord = z.infer<typeof identityRecord>;
export type CommentRecord = z.infer<typeof commentRecord>;
export type ReportRecord = z.infer<typeof reportRecord>;
export type ModeratorRecord = z.infer<typeof moderatorRecord>;
export type BanRecord = z.infer<typeof banRecord>;
export type ModerationActionRecord = z.infer<typeof moderationActionRecord>;
