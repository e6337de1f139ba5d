import { z } from "@hono/zod-openapi";

const wordList = z.array(z.string().trim().min(1).max(100)).max(2000);

/**
 * Per-site settings. Stored as JSON on the site; missing fields take their defaults, so new
 * settings can be added without a migration.
 */
export const siteSettingsSchema = z
  .object({
    /** off: post-moderation; new-users: a user's first `newUserCommentCount` comments are held; all. */
    premoderation: z.enum(["off", "new-users", "all"]).default("off"),
    newUserCommentCount: z.number().int().min(0).max(1000).default(3),
    /** Added to the built-in Korean and English lists: banned words reject, suspect words hold. */
    bannedWords: wordList.default([]),
    suspectWords: wordList.default([]),
    /** The built-in profanity that is often an intensifier (존나, 씨발, fucking): reject, hold for review, or publish masked as ○○○. */
    profanity: z.enum(["reject", "hold", "mask"]).default("hold"),
    /** The site's own words treated as that profanity (its policy, masked on a masking site); same syntax as bannedWords. */
    profanityWords: wordList.default([]),
    /** Comments with more links than this are held; any link from a new account is held. */
    maxLinks: z.number().int().min(0).max(100).default(2),
    /** Reports that put a published comment in the reported queue, and that hide it until decided. */
    reportThreshold: z.number().int().min(1).max(1000).default(1),
    autoHideThreshold: z.number().int().min(1).max(1000).default(5),
    /**
     * Classifier score (0..1) from which a comment is held for review, as an explicit override.
     * Null (the default): the threshold is calibrated on the site's own decisions for
     * `targetPrecision`, or the built-in model's until the site has enough of them.
     */
    toxicityThreshold: z.number().min(0).max(1).nullable().default(null),
    /** Share of held comments that should truly be abusive: the site's threshold is the lowest that reaches it. */
    targetPrecision: z.number().min(0.5).max(0.99).default(0.9),
    /** Rejected share of an author's decided comments over 7 days (with ≥ 3) that pre-moderates them. */
    rejectionRateThreshold: z.number().min(0).max(1).default(0.3),
    /** Accounts younger than this are pre-moderated. */
    minAccountAgeSeconds: z
      .number()
      .int()
      .min(0)
      .max(365 * 24 * 3600)
      .default(0),
    /** How long an author may edit their comment after posting. */
    editWindowSeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 3600)
      .default(300),
    /** Comments per account per day on the site, and per article (deleted ones count). */
    dailyLimit: z.number().int().min(1).max(10_000).default(20),
    perArticleDailyLimit: z.number().int().min(1).max(10_000).default(3),
    /** Seconds an account must wait between two comments. */
    minIntervalSeconds: z.number().int().min(0).max(3600).default(10),
    /** Articles close to new comments this many days after their first comment (null: never). */
    closeAfterDays: z.number().int().min(1).max(3650).nullable().default(null),
    /**
     * 공감비율순 (sort=ratio): comments with fewer reactions than this come after the others.
     * Read by the trigger that keys the sort in D1 too (migration 0009), whose default is the same.
     */
    ratioMinReactions: z.number().int().min(1).max(10_000).default(10),
    /** Readers' folds (댓글 접기) from which a comment is shown folded to everyone; never a moderation queue. */
    foldThreshold: z.number().int().min(1).max(10_000).default(5),
    /** Called (signed, retried) when a comment enters a queue and when a moderator acts. */
    webhookUrl: z
      .string()
      .url()
      .max(2000)
      .refine((u) => /^https?:\/\//i.test(u), "must be an http(s) URL")
      .nullable()
      .default(null),
    /** Readers' comment history (댓글 이력) is public: GET /sites/{site}/users/{userId}/comments. */
    publicHistory: z.boolean().default(true),
    /** Readers may opt in to notifications by e-mail (to the address the site's SSO vouched for). */
    emailNotifications: z.boolean().default(false),
  })
  .openapi("SiteSettings");

export type SiteSettings = z.infer<typeof siteSettingsSchema>;

type SettingsShape = typeof siteSettingsSchema.shape;
// Each field without its default: zod 4's partial() still fills omitted fields with their
// defaults, so a PATCH of one field would reset all the others.
const patchShape = Object.fromEntries(Object.entries(siteSettingsSchema.shape).map(([key, field]) => [key, field.unwrap().optional()])) as {
  [K in keyof SettingsShape]: z.ZodOptional<ReturnType<SettingsShape[K]["unwrap"]>>;
};

/** Partial settings as accepted by PATCH: every field optional, unknown fields refused. */
export const siteSettingsPatchSchema = z
  .object(patchShape)
  .strict()
  .refine((s) => s.reportThreshold === undefined || s.autoHideThreshold === undefined || s.autoHideThreshold >= s.reportThreshold, {
    message: "autoHideThreshold must be at least reportThreshold",
    path: ["autoHideThreshold"],
  });

/**
 * The effective settings from what is stored: a field that is missing or no longer valid (say,
 * after a bound changed) takes its default, without disturbing the others.
 */
export function resolveSettings(stored: Record<string, unknown> | null | undefined): SiteSettings {
  const parsed = siteSettingsSchema.safeParse(withoutLegacyDefaults(stored ?? {}));
  if (parsed.success) return parsed.data;
  const valid = Object.fromEntries(
    Object.entries(withoutLegacyDefaults(stored ?? {})).filter(([key, value]) => {
      const field = siteSettingsSchema.shape[key as keyof SiteSettings];
      return field?.safeParse(value).success;
    }),
  );
  return siteSettingsSchema.parse(valid);
}

/** The `toxicityThreshold` every site had before it could be left unset (the old default). */
const LEGACY_DEFAULT_THRESHOLD = 0.7;

/**
 * Settings saved before `targetPrecision` existed carry the old default threshold, written by
 * every PATCH (defaults were merged in): it was never chosen, so it does not pin the threshold.
 */
function withoutLegacyDefaults(stored: Record<string, unknown>): Record<string, unknown> {
  if ("targetPrecision" in stored || stored.toxicityThreshold !== LEGACY_DEFAULT_THRESHOLD) return stored;
  const { toxicityThreshold: _, ...rest } = stored;
  return rest;
}
