import { z } from "@hono/zod-openapi";

/**
 * Per-site settings. Stored as JSON on the site; missing fields take their defaults, so new
 * settings can be added without a migration.
 */
export const siteSettingsSchema = z
  .object({
    /** How long an author may edit their comment after posting. */
    editWindowSeconds: z.number().int().min(0).max(7 * 24 * 3600).default(300),
  })
  .openapi("SiteSettings");

export type SiteSettings = z.infer<typeof siteSettingsSchema>;

/** Partial settings as accepted by PATCH: every field optional, unknown fields refused. */
export const siteSettingsPatchSchema = siteSettingsSchema.partial().strict();

export function resolveSettings(stored: Record<string, unknown> | null | undefined): SiteSettings {
  const parsed = siteSettingsSchema.safeParse(stored ?? {});
  // A stored value that no longer validates (e.g. after a bound changed) falls back to defaults.
  return parsed.success ? parsed.data : siteSettingsSchema.parse({});
}
