import type { Db } from "./db/client";
import type { RowMeter } from "./db/metering";
import type { Session } from "./auth/sessions.queries";
import type { Actor } from "./moderation/types";
import type { BackupMessage } from "./archive/backupMessage";
import type { EmailJob } from "./notifications/email/emailJob";
import type { WebhookEvent } from "./notifications/events";
import type { SiteRecord } from "./sites/sites.queries";
import type { ImportJob } from "./imports/importJob";

/** Bindings and secrets (see wrangler.toml and .dev.vars.example). */
export interface Env {
  DB: D1Database;
  /** Bearer token for the admin API. */
  ADMIN_TOKEN: string;
  /**
   * Seals site SSO, webhook and social login client secrets at rest; derives login PKCE
   * verifiers and nonces. At least 32 bytes; without it every request that needs it answers
   * 503 misconfigured.
   */
  SECRETS_KEY?: string;
  /** The key being rotated out: sealed values still open with it until re-sealed (POST /api/v1/admin/reseal). */
  SECRETS_KEY_PREVIOUS?: string;
  /** Comma-separated hosts a webhook URL may name over http or on loopback (local tests only). */
  DEV_WEBHOOK_HOSTS?: string;
  /**
   * Social login client secrets a site's provider names by `clientSecretRef` (e.g.
   * KAKAO_CLIENT_SECRET_DEMO): only Worker secrets whose name contains CLIENT_SECRET.
   */
  [clientSecret: `${string}CLIENT_SECRET${string}`]: string | undefined;
  /** Comma-separated extra CORS origins (local pages, tests). */
  DEV_ORIGINS?: string;
  /** "off" bypasses the edge cache of anonymous reads (tests that need every read fresh). */
  EDGE_CACHE?: string;
  /** "on" reports D1 rows read/written per response in headers. */
  D1_METERING?: string;
  /**
   * Workers rate limiting: bursts of writes per signed-in user, or per address (IPv4, or IPv6
   * /64) for anonymous ones; reactions/reports per user.
   */
  BURST_LIMITER?: RateLimit;
  ACTION_LIMITER?: RateLimit;
  /** The looser per-address ceiling on signed-in writes (many readers share a carrier's address). */
  ADDRESS_LIMITER?: RateLimit;
  /** "off" disables all three (local benchmarks only). */
  BURST_LIMITS?: string;
  /** Producer for webhook deliveries (consumed by this Worker's queue handler). */
  WEBHOOKS?: Queue<WebhookEvent>;
  /**
   * The R2 bucket `marginalia-archive`: daily backups under `backups/<site>/`, import uploads
   * under `imports/`. Without it, backups are skipped and the backup routes answer 503.
   */
  ARCHIVE?: R2Bucket;
  /** Producer for daily backups, one message per site (consumed by this Worker's queue handler). */
  BACKUPS?: Queue<BackupMessage>;
  /** Producer for import jobs (consumed by this Worker's queue handler, src/imports/). */
  IMPORTS?: Queue<ImportJob>;
  /** Producer for notification e-mails (consumed by this Worker's queue handler): one message per reader due a mail. */
  NOTIFY_EMAILS?: Queue<EmailJob>;
  /** The e-mail provider (Resend-style JSON API; default https://api.resend.com/emails), its key and the From address. */
  EMAIL_API_URL?: string;
  EMAIL_API_KEY?: string;
  EMAIL_FROM?: string;
  /** This service's public origin (https://comments.example.com): the base of unsubscribe links. */
  PUBLIC_URL?: string;
  /** Optional Workers AI binding: Llama Guard as a second opinion on comments (see the README). */
  AI?: Ai;
  /** Optional Google Perspective API key: its TOXICITY score replaces the built-in one. */
  PERSPECTIVE_API_KEY?: string;
}

/** Variables set by middleware for the handlers of one request. */
interface AppVariables {
  db: Db;
  meter: RowMeter;
  session?: Session;
  site?: SiteRecord;
  /** Sites read during this request, by id (middleware/site.ts). */
  siteLoads?: Map<string, Promise<SiteRecord | undefined>>;
  /** Set when the admin token authenticates a moderation request. */
  actor?: Actor;
  /** Webhook events to enqueue once the response is sent. */
  events: WebhookEvent[];
}

export interface AppEnv {
  Bindings: Env;
  Variables: AppVariables;
}
