import { sql } from "drizzle-orm";
import { customType, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Times are stored as integer milliseconds since the epoch. */
const createdAt = () => integer("created_at").notNull();

/** A tenant: one news site with its own origins, SSO secret and settings. */
export const sites = sqliteTable("sites", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  origins: text("origins", { mode: "json" }).$type<string[]>().notNull(),
  /** The SSO secret sealed with SECRETS_KEY (AES-GCM); never stored in clear. */
  ssoSecretSealed: text("sso_secret_sealed").notNull(),
  /** Signs webhook deliveries (never the SSO secret, which mints sessions); sealed like it. */
  webhookSecretSealed: text("webhook_secret_sealed"),
  settings: text("settings", { mode: "json" }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`),
  createdAt: createdAt(),
  updatedAt: integer("updated_at").notNull(),
});

/** Reverse lookup for CORS on routes that do not name their site (origin → site). */
export const siteOrigins = sqliteTable(
  "site_origins",
  {
    origin: text("origin").notNull(),
    siteId: text("site_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.origin, t.siteId] })],
);

/** A reader's account on one site. Identities (site SSO, social providers) point at it. */
export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    siteId: text("site_id").notNull(),
    displayName: text("display_name").notNull(),
    email: text("email"),
    avatarUrl: text("avatar_url"),
    role: text("role", { enum: ["commenter", "moderator"] })
      .notNull()
      .default("commenter"),
    /**
     * The author's comments (not deleted) per status, kept exact by triggers on `comments`
     * (migration 0006): the queue's author history and the "new user" check read one row.
     */
    publishedCount: integer("published_count").notNull().default(0),
    pendingCount: integer("pending_count").notNull().default(0),
    rejectedCount: integer("rejected_count").notNull().default(0),
    /** 공감 (likes) on the author's published, live comments, kept exact by triggers (migration 0009). */
    likesReceived: integer("likes_received").notNull().default(0),
    /** Badges shown next to the name (기자, 전문가): from the SSO claim `badges`, replaced at each SSO login that carries it. */
    badges: text("badges", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    /** Badges a moderator of the site gave (PUT /sites/:site/users/:userId/badges); shown after the SSO ones. */
    grantedBadges: text("granted_badges", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    /** The last "log out everywhere": SSO tokens issued before it are refused. */
    sessionsRevokedAt: integer("sessions_revoked_at"),
    /** Set on an imported author (no login until an admin links it): the import that created it. */
    importId: text("import_id"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("users_site_idx").on(t.siteId, t.createdAt),
    index("users_import_idx").on(t.importId).where(sql`${t.importId} is not null`),
    // The admin's user search: a display-name prefix range, keyset pages by (name, id).
    index("users_site_name_idx").on(t.siteId, t.displayName, t.id),
  ],
);

/** How an account proves who it is: `sso:<site>`, `google`, `kakao`, `naver`, ... */
export const identities = sqliteTable(
  "identities",
  {
    siteId: text("site_id").notNull(),
    provider: text("provider").notNull(),
    subject: text("subject").notNull(),
    userId: text("user_id").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.siteId, t.provider, t.subject] }),
    // One identity per provider per account; also lists an account's identities.
    uniqueIndex("identities_user_provider_idx").on(t.userId, t.provider),
  ],
);

/** Sessions are random bearer tokens; only their SHA-256 is stored. */
export const sessions = sqliteTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id").notNull(),
    siteId: text("site_id").notNull(),
    /**
     * How the session was opened: `sso` (the site's token) or a social provider's id. The site's
     * SSO role applies only to sessions it opened; NULL for sessions older than this column.
     */
    via: text("via"),
    createdAt: createdAt(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expiry_idx").on(t.expiresAt)],
);

/**
 * SSO tokens already exchanged for a session, kept until they expire: a token (by its `jti`,
 * else its hash) logs in once.
 */
export const ssoExchanges = sqliteTable(
  "sso_exchanges",
  {
    siteId: text("site_id").notNull(),
    /** `jti:<sub>:<jti>` or `sha256:<hash of the token>`. */
    tokenKey: text("token_key").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.tokenKey] }), index("sso_exchanges_expiry_idx").on(t.expiresAt)],
);

/** An article of a site, created on its first comment. `commentCount` counts published comments. */
export const articles = sqliteTable(
  "articles",
  {
    siteId: text("site_id").notNull(),
    id: text("id").notNull(),
    url: text("url"),
    title: text("title"),
    open: integer("open", { mode: "boolean" }).notNull().default(true),
    /** Overrides the site's pre-moderation mode for this article when set. */
    premoderation: text("premoderation", { enum: ["off", "new-users", "all"] }),
    commentCount: integer("comment_count").notNull().default(0),
    /** The import that created the article (rolled back with it). */
    importId: text("import_id"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.id] }), index("articles_import_idx").on(t.importId).where(sql`${t.importId} is not null`)],
);

export const commentStatuses = ["published", "pending", "rejected"] as const;

/** One reason behind a moderation decision: which check (or person) said what. */
export interface ModerationReason {
  source: string;
  action: "hold" | "reject" | "mask" | "approve" | "report";
  code: string;
  detail?: string;
}
export type CommentStatus = (typeof commentStatuses)[number];

/**
 * A comment or a one-level reply. A deleted comment that still has replies stays as a
 * placeholder (`deleted`, body NULL); one without replies is removed outright.
 */
export const comments = sqliteTable(
  "comments",
  {
    id: text("id").primaryKey(),
    siteId: text("site_id").notNull(),
    articleId: text("article_id").notNull(),
    parentId: text("parent_id"),
    authorId: text("author_id").notNull(),
    body: text("body"),
    /** What readers see when it differs from `body` (profanity masked as ○○○ under the site's policy); null when it does not. */
    publicBody: text("public_body"),
    status: text("status", { enum: commentStatuses }).notNull(),
    deleted: integer("deleted", { mode: "boolean" }).notNull().default(false),
    likes: integer("likes").notNull().default(0),
    dislikes: integer("dislikes").notNull().default(0),
    /** Published, not deleted replies. */
    replyCount: integer("reply_count").notNull().default(0),
    reportCount: integer("report_count").notNull().default(0),
    /**
     * Sort keys set with likes and dislikes by every write that changes them (`countsAndSortKeys`;
     * the trigger `comments_sort_keys`, migration 0015, mends any other writer's): `net` = likes −
     * dislikes; `ratioKey` = 2 + likes / (likes + dislikes) for
     * comments with at least the site's `ratioMinReactions`, else likes / (likes + dislikes)
     * (0 without reactions), so the well-rated come first and the barely rated after them.
     */
    net: integer("net").notNull().default(0),
    ratioKey: real("ratio_key").notNull().default(0),
    /** Readers who folded it (table `folds`, kept by triggers); from the site's `foldThreshold` it is folded for everyone. */
    foldCount: integer("fold_count").notNull().default(0),
    /** When a moderator pinned it (at most 3 per article) or featured it (추천); NULL when not. */
    pinnedAt: integer("pinned_at"),
    featuredAt: integer("featured_at"),
    createdAt: createdAt(),
    editedAt: integer("edited_at"),
    /** Why the pipeline (or a moderator) decided the current status; shown in the queue. */
    reasons: text("reasons", { mode: "json" }).$type<ModerationReason[]>().notNull().default(sql`'[]'`),
    /** Classifier score 0..1 at the last moderation, when a scorer ran. */
    toxicity: real("toxicity"),
    /** SHA-256 of the normalised body: finds the same text posted again. */
    bodyHash: text("body_hash"),
    /** When enough reports put it in the reported queue; cleared by a moderator's decision. */
    reportedAt: integer("reported_at"),
    /** The last human decision. */
    reviewedAt: integer("reviewed_at"),
    reviewedBy: text("reviewed_by"),
    /** Bumped by every moderation change: concurrent moderators act on one version only. */
    version: integer("version").notNull().default(0),
    /** The import that wrote the comment (src/imports/): a failed import deletes its rows. */
    importId: text("import_id"),
  },
  (t) => [
    // Moderation queues: pending/rejected by age, approved by decision time, reported by report time.
    index("comments_queue_idx").on(t.siteId, t.status, t.createdAt, t.id),
    index("comments_reviewed_idx").on(t.siteId, t.status, t.reviewedAt, t.id),
    index("comments_reported_idx").on(t.siteId, t.reportedAt, t.id),
    // Repeated content by one author, and flooding of one text across the site.
    index("comments_author_hash_idx").on(t.authorId, t.bodyHash, t.createdAt),
    index("comments_site_hash_idx").on(t.siteId, t.bodyHash, t.createdAt),
    // Keyset pages for newest/oldest: equality on the thread and status, range on (created_at, id).
    index("comments_thread_idx").on(t.siteId, t.articleId, t.parentId, t.status, t.createdAt, t.id),
    // Keyset pages for popular: likes first.
    index("comments_popular_idx").on(t.siteId, t.articleId, t.parentId, t.status, t.likes, t.createdAt, t.id),
    // The site export's keyset pages: top-level comments (parent NULL) by time, then replies by parent.
    index("comments_site_parent_idx").on(t.siteId, t.parentId, t.createdAt, t.id),
    // Keyset pages for net (순공감순), ratio (공감비율순) and replies (답글순): the key first.
    index("comments_net_idx").on(t.siteId, t.articleId, t.parentId, t.status, t.net, t.createdAt, t.id),
    index("comments_ratio_idx").on(t.siteId, t.articleId, t.parentId, t.status, t.ratioKey, t.createdAt, t.id),
    index("comments_replies_idx").on(t.siteId, t.articleId, t.parentId, t.status, t.replyCount, t.createdAt, t.id),
    // The 추천 view and the pinned comments: partial, only the few marked comments are in them.
    index("comments_featured_idx").on(t.siteId, t.articleId, t.parentId, t.status, t.featuredAt, t.createdAt, t.id).where(sql`featured_at is not null`),
    index("comments_pinned_idx").on(t.siteId, t.articleId, t.pinnedAt).where(sql`pinned_at is not null`),
    // Whether a comment still has replies (placeholder or removal on delete).
    index("comments_parent_idx").on(t.parentId),
    // An author's comments by status (their pending ones, how many were published): three
    // equality columns, so the planner prefers it to the site-wide queue index.
    index("comments_author_status_idx").on(t.authorId, t.siteId, t.status, t.articleId, t.createdAt),
    index("comments_import_idx").on(t.importId).where(sql`${t.importId} is not null`),
    // An author's public history: their published, live comments newest first (keyset on time, id).
    index("comments_author_history_idx").on(t.authorId, t.siteId, t.status, t.deleted, t.createdAt, t.id),
  ],
);

/** Comments an article shows pinned first (고정됨): moderators pin at most this many. */
export const MAX_PINS = 3;

export const reactionValues = ["like", "dislike"] as const;
export type ReactionValue = (typeof reactionValues)[number];

/** One reaction per user per comment. */
export const reactions = sqliteTable(
  "reactions",
  {
    commentId: text("comment_id").notNull(),
    userId: text("user_id").notNull(),
    value: text("value", { enum: reactionValues }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.commentId, t.userId] }), index("reactions_user_idx").on(t.userId)],
);

/** A reader's fold of a comment (댓글 접기): one per user per comment; counted in `comments.fold_count` by triggers. */
export const folds = sqliteTable(
  "folds",
  {
    commentId: text("comment_id").notNull(),
    userId: text("user_id").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.commentId, t.userId] }), index("folds_user_idx").on(t.userId)],
);

export const reportReasons = ["spam", "abuse", "hate", "sexual", "privacy", "misinformation", "other"] as const;
export type ReportReason = (typeof reportReasons)[number];

/** A reader's report on a comment; one per user per comment. */
export const reports = sqliteTable(
  "reports",
  {
    id: text("id").primaryKey(),
    siteId: text("site_id").notNull(),
    commentId: text("comment_id").notNull(),
    userId: text("user_id").notNull(),
    reason: text("reason", { enum: reportReasons }).notNull(),
    note: text("note"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("reports_comment_user_idx").on(t.commentId, t.userId),
    index("reports_site_idx").on(t.siteId, t.createdAt),
    index("reports_user_idx").on(t.userId),
  ],
);

/** Makes a retried POST return the comment the first attempt created. */
export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    userId: text("user_id").notNull(),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    commentId: text("comment_id").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index("idempotency_created_idx").on(t.createdAt)],
);

/** Moderators granted through the admin API (besides SSO tokens carrying role "moderator"). */
export const moderators = sqliteTable(
  "moderators",
  {
    siteId: text("site_id").notNull(),
    userId: text("user_id").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.userId] })],
);

/** A site-scoped ban: no posting, editing, reacting or reporting until `until` (NULL: for good). */
export const bans = sqliteTable(
  "bans",
  {
    siteId: text("site_id").notNull(),
    userId: text("user_id").notNull(),
    until: integer("until"),
    reason: text("reason"),
    createdBy: text("created_by").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.userId] })],
);

export const actorTypes = ["system", "moderator", "admin"] as const;

/** The audit log: every automatic decision and every moderator action. */
export const moderationActions = sqliteTable(
  "moderation_actions",
  {
    id: text("id").primaryKey(),
    siteId: text("site_id").notNull(),
    commentId: text("comment_id"),
    /** The user acted upon (the comment's author, or the banned user). */
    userId: text("user_id"),
    actorType: text("actor_type", { enum: actorTypes }).notNull(),
    actorId: text("actor_id"),
    action: text("action").notNull(),
    statusBefore: text("status_before"),
    statusAfter: text("status_after"),
    reason: text("reason"),
    details: text("details", { mode: "json" }).$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [
    index("actions_site_idx").on(t.siteId, t.createdAt, t.id),
    index("actions_comment_idx").on(t.commentId, t.createdAt, t.id),
    index("actions_user_idx").on(t.siteId, t.userId, t.createdAt, t.id),
    // A deleted moderator's actions are anonymised.
    index("actions_actor_idx").on(t.siteId, t.actorId),
  ],
);

export const queues = ["pending", "reported", "rejected", "approved"] as const;
export type Queue = (typeof queues)[number];

/** Denormalised size of each moderation queue of a site. */
export const queueCounts = sqliteTable(
  "queue_counts",
  {
    siteId: text("site_id").notNull(),
    queue: text("queue", { enum: queues }).notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.queue] })],
);

/** Per-user daily comment counters (quota), kept per site and per article; deleted comments still count. */
export const dailyCounters = sqliteTable(
  "daily_counters",
  {
    siteId: text("site_id").notNull(),
    userId: text("user_id").notNull(),
    /** Day as YYYY-MM-DD (UTC), and "" for the site-wide counter or the article id. */
    day: text("day").notNull(),
    articleId: text("article_id").notNull(),
    count: integer("count").notNull().default(0),
    lastAt: integer("last_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.userId, t.day, t.articleId] })],
);

/** Endpoints of an OAuth 2 provider without discovery (Naver), overridable for a local stand-in. */
export interface ProviderEndpoints {
  authorization: string;
  token: string;
  profile: string;
}

/**
 * A social login a site offers ("select an account"): a preset (`google`, `kakao`, `naver`) or
 * any OpenID provider by issuer. The client secret is never stored in clear: either sealed with
 * SECRETS_KEY, or the name of a Worker secret holding it.
 */
export const loginProviders = sqliteTable(
  "login_providers",
  {
    siteId: text("site_id").notNull(),
    id: text("id").notNull(),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
    label: text("label"),
    clientId: text("client_id").notNull(),
    clientSecretSealed: text("client_secret_sealed"),
    clientSecretRef: text("client_secret_ref"),
    /** OpenID issuer (required for a generic provider; replaces a preset's). */
    issuer: text("issuer"),
    endpoints: text("endpoints", { mode: "json" }).$type<ProviderEndpoints>(),
    scopes: text("scopes", { mode: "json" }).$type<string[]>(),
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.id] })],
);

/**
 * A social login between its start and its callback: single use, short-lived. Only hashes of
 * the `state` and of the browser-binding cookie are stored; the PKCE verifier and the nonce are
 * derived from the state with SECRETS_KEY, so nothing here is usable on its own.
 */
export const pendingLogins = sqliteTable(
  "pending_logins",
  {
    stateHash: text("state_hash").primaryKey(),
    siteId: text("site_id").notNull(),
    provider: text("provider").notNull(),
    /** Where the login was started from: one of the site's origins, or the service's own (the dashboard). */
    origin: text("origin").notNull(),
    browserHash: text("browser_hash").notNull(),
    /** Set when a logged-in user links this provider to their account. */
    linkUserId: text("link_user_id"),
    createdAt: createdAt(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("pending_logins_expiry_idx").on(t.expiresAt)],
);

/** A one-time ticket that lets a popup (which cannot send the session) link a provider to an account. */
export const linkTickets = sqliteTable(
  "link_tickets",
  {
    ticketHash: text("ticket_hash").primaryKey(),
    siteId: text("site_id").notNull(),
    provider: text("provider").notNull(),
    userId: text("user_id").notNull(),
    createdAt: createdAt(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("link_tickets_user_idx").on(t.userId), index("link_tickets_expiry_idx").on(t.expiresAt)],
);

/**
 * A provider identity verified in a link popup, waiting for the account's own session to
 * confirm it: a link popup opened by anyone else (a forwarded link URL) never attaches anything.
 * Only the hash of the one-time proof handed to the widget is stored.
 */
export const pendingLinks = sqliteTable(
  "pending_links",
  {
    proofHash: text("proof_hash").primaryKey(),
    siteId: text("site_id").notNull(),
    provider: text("provider").notNull(),
    subject: text("subject").notNull(),
    userId: text("user_id").notNull(),
    createdAt: createdAt(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("pending_links_user_idx").on(t.userId), index("pending_links_expiry_idx").on(t.expiresAt)],
);

/**
 * Per-author, per-day counts of decisions on their comments (published or rejected, by the
 * pipeline or a moderator): the trust check reads at most 7 rows instead of the audit log.
 */
export const authorDecisions = sqliteTable(
  "author_decisions",
  {
    siteId: text("site_id").notNull(),
    userId: text("user_id").notNull(),
    /** Day as YYYY-MM-DD (UTC). */
    day: text("day").notNull(),
    decisions: integer("decisions").notNull().default(0),
    rejections: integer("rejections").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.userId, t.day] })],
);

/** A BLOB as bytes (D1 hands BLOBs back as an ArrayBuffer or, in older runtimes, an array of numbers). */
const bytes = customType<{ data: Uint8Array; driverData: ArrayBuffer | number[] | Uint8Array }>({
  dataType: () => "blob",
  toDriver: (value) => value,
  fromDriver: (value) => (value instanceof Uint8Array ? value : new Uint8Array(value)),
});

/**
 * A site's adaptation to its moderators' decisions (src/moderation/adaptation): the learnt
 * correction (Float32 weights, little-endian) and the learner's state, one row per site, at
 * most ~225 KB. `version` guards every update: of two isolates learning at once, one retries.
 */
export const siteAdaptations = sqliteTable("site_adaptations", {
  siteId: text("site_id").primaryKey(),
  version: integer("version").notNull(),
  /** 2^14 Float32 weights over the folded base features (64 KB). */
  weights: bytes("weights").notNull(),
  /**
   * The learner's own state (its weights, Adagrad's sums, the label counts, the revisits'
   * cursor: `learnerBlob`, 160 KB); read only when learning. The column kept its first name.
   */
  learner: bytes("squared").notNull(),
  bias: real("bias").notNull(),
  scale: real("scale").notNull(),
  biasSquared: real("bias_squared").notNull(),
  scaleSquared: real("scale_squared").notNull(),
  /** Labels in force (a reversed decision moves its label from one count to the other). */
  abusiveLabels: integer("abusive_labels").notNull(),
  cleanLabels: integer("clean_labels").notNull(),
  /** The hold threshold calibrated on the site's decisions; null until it has enough. */
  threshold: real("threshold"),
  calibratedAt: integer("calibrated_at"),
  updatedAt: integer("updated_at").notNull(),
});

/**
 * The label each moderator decision gave a comment, so a reversed decision replaces it rather
 * than adding a second one. Kept for the latest 1000 per site (also the calibration window).
 */
export const adaptationLabels = sqliteTable(
  "adaptation_labels",
  {
    siteId: text("site_id").notNull(),
    commentId: text("comment_id").notNull(),
    abusive: integer("abusive", { mode: "boolean" }).notNull(),
    /** The comment's score when it was posted: the calibration window's score. */
    score: real("score").notNull(),
    decidedAt: integer("decided_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.commentId] }), index("adaptation_labels_recent_idx").on(t.siteId, t.decidedAt)],
);

export const importFormats = ["disqus", "wxr", "marginalia"] as const;
export type ImportFormat = (typeof importFormats)[number];
export const importStatuses = ["uploading", "queued", "running", "done", "failed", "rolling_back", "rolled_back"] as const;
export type ImportStatus = (typeof importStatuses)[number];

/** One error an import reports (the first 100 are kept). */
export interface ImportError {
  line?: number;
  sourceId?: string;
  message: string;
}

/**
 * An import of another system's export (src/imports/): the file sits in R2 under `r2Key`, the
 * queue consumer reads it from `resumeOffset` (the byte after the last record fully written,
 * `resumeLine` its line) in chunks, each chunk one D1 batch with the progress.
 */
export const imports = sqliteTable(
  "imports",
  {
    id: text("id").primaryKey(),
    siteId: text("site_id").notNull(),
    format: text("format", { enum: importFormats }).notNull(),
    status: text("status", { enum: importStatuses }).notNull(),
    /** The admin's thread → article rule: a regular expression with one capture group on the URL. */
    articleRule: text("article_rule"),
    r2Key: text("r2_key").notNull(),
    /** An R2 multipart upload in progress (`npm run import` of a large file). */
    uploadId: text("upload_id"),
    bytes: integer("bytes").notNull().default(0),
    resumeOffset: integer("resume_offset").notNull().default(0),
    resumeLine: integer("resume_line").notNull().default(1),
    /** Until when a queue run holds the import: a duplicate delivery of its job waits instead of running beside it. */
    leaseUntil: integer("lease_until"),
    articles: integer("articles").notNull().default(0),
    comments: integer("comments").notNull().default(0),
    authors: integer("authors").notNull().default(0),
    skipped: integer("skipped").notNull().default(0),
    rejected: integer("rejected").notNull().default(0),
    errors: text("errors", { mode: "json" }).$type<ImportError[]>().notNull().default(sql`'[]'`),
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull(),
    finishedAt: integer("finished_at"),
  },
  (t) => [index("imports_site_idx").on(t.siteId, t.createdAt, t.id)],
);

export const importSourceKinds = ["thread", "post", "author", "report", "action"] as const;

/**
 * What an import already brought in, by its id in the source system: importing the same file
 * again adds nothing. `thread` → article id (`localId`), with its url/title; `post` → comment id
 * (NULL for a skipped deleted reply) and `rootId`, the top-level comment its replies attach to,
 * with the author's `name` (replies deeper than one level name whom they answered); `author` →
 * user id, keyed by source username or by a hash of the e-mail (never the e-mail itself).
 * A Marginalia export (`marginalia:<id in the file>`) also maps its reports (`report`) and audit
 * entries (`action`) to their new ids (no CHECK on `kind`: no migration).
 */
export const importSources = sqliteTable(
  "import_sources",
  {
    siteId: text("site_id").notNull(),
    kind: text("kind", { enum: importSourceKinds }).notNull(),
    sourceId: text("source_id").notNull(),
    localId: text("local_id"),
    rootId: text("root_id"),
    name: text("name"),
    url: text("url"),
    importId: text("import_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.kind, t.sourceId] }), index("import_sources_import_idx").on(t.importId)],
);

export const notificationTypes = ["reply", "approved", "rejected", "reactions"] as const;
export type NotificationType = (typeof notificationTypes)[number];

/**
 * What a reader is told about their comments: a reply, a moderator's decision on a held comment,
 * a 공감 milestone. Written in the same batch as the change that causes it; kept 30 days. The
 * excerpt is read from the comment itself, so an erased comment leaves no text here.
 */
export const notifications = sqliteTable(
  "notifications",
  {
    id: text("id").primaryKey(),
    siteId: text("site_id").notNull(),
    /** The reader told. */
    userId: text("user_id").notNull(),
    type: text("type", { enum: notificationTypes }).notNull(),
    /** The reply (type reply), else the reader's own comment. */
    commentId: text("comment_id").notNull(),
    articleId: text("article_id").notNull(),
    /** Who replied (type reply). */
    actorId: text("actor_id"),
    /** The moderator's reason (type rejected). */
    reason: text("reason"),
    /** The milestone reached (type reactions): once per comment and milestone. */
    milestone: integer("milestone"),
    createdAt: createdAt(),
    readAt: integer("read_at"),
  },
  (t) => [
    // A reader's list, newest first (keyset on created_at, id).
    index("notifications_user_idx").on(t.userId, t.createdAt, t.id),
    // The unread count reads only unread entries.
    index("notifications_unread_idx").on(t.userId).where(sql`${t.readAt} is null`),
    index("notifications_created_idx").on(t.createdAt),
    // NULL milestones are distinct: only milestone rows are unique.
    uniqueIndex("notifications_milestone_idx").on(t.commentId, t.milestone),
  ],
);

/**
 * A reader's e-mail preferences. The address is the one the site vouched for (SSO `email` with
 * `email_verified: true`), sealed with SECRETS_KEY and used for nothing else.
 */
export const notificationSettings = sqliteTable(
  "notification_settings",
  {
    userId: text("user_id").primaryKey(),
    siteId: text("site_id").notNull(),
    emailOptIn: integer("email_opt_in", { mode: "boolean" }).notNull().default(false),
    /** The verified address, sealed; NULL when the site's last token vouched for none. */
    emailSealed: text("email_sealed"),
    /** Notifications created up to this time were e-mailed (or predate the opt-in). */
    emailedUntil: integer("emailed_until").notNull().default(0),
    /** The last e-mail sent: at most one an hour, later ones gathered into a digest. */
    lastEmailAt: integer("last_email_at"),
    updatedAt: integer("updated_at").notNull(),
  },
  // The sweep's readers: opted in, by when they were last written to.
  (t) => [index("notification_settings_due_idx").on(t.emailOptIn, t.lastEmailAt)],
);

export type Site = typeof sites.$inferSelect;
export type User = typeof users.$inferSelect;
export type Article = typeof articles.$inferSelect;
export type Comment = typeof comments.$inferSelect;
export type LoginProviderRow = typeof loginProviders.$inferSelect;
export type ImportRow = typeof imports.$inferSelect;
