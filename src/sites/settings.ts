import { z } from "@hono/zod-openapi";
import { DEFAULT_TOXICITY_THRESHOLD } from "../moderation/classifier";

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
    /** Comments with more links than this are held; any link from a new account is held. */
    maxLinks: z.number().int().min(0).max(100).default(2),
    /** Reports that put a published comment in the reported queue, and that hide it until decided. */
    reportThreshold: z.number().int().min(1).max(1000).default(1),
    autoHideThreshold: z.number().int().min(1).max(1000).default(5),
    /** Classifier score (0..1) from which a comment is held for review; defaults to the built-in model's threshold. */
    toxicityThreshold: z.number().min(0).max(1).default(DEFAULT_TOXICITY_THRESHOLD),
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
  const parsed = siteSettingsSchema.safeParse(stored ?? {});
  if (parsed.success) return parsed.data;
  const valid = Object.fromEntries(
    Object.entries(stored ?? {}).filter(([key, value]) => {
      const field = siteSettingsSchema.shape[key as keyof SiteSettings];
      return field?.safeParse(value).success;
    }),
  );
  return siteSettingsSchema.parse(valid);
}
