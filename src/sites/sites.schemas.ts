import { z } from "@hono/zod-openapi";
import { siteSettingsPatchSchema, siteSettingsSchema } from "./settings";
import type { SiteRecord } from "./sites.queries";
import { iso } from "../lib/iso";

/** An origin exactly as browsers send it: scheme, host and optional port, nothing else. */
const originSchema = z
  .string()
  .max(255)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "https:" || url.protocol === "http:") && url.origin === value;
    } catch {
      return false;
    }
  }, "must be an origin such as https://news.example.com (no path, no trailing slash)");

export const siteIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "must be 2–63 lowercase letters, digits or dashes")
  .openapi({ example: "demo" });

const ssoSecretSchema = z.string().min(32, "must be at least 32 characters").max(256);

export const createSiteSchema = z
  .object({
    id: siteIdSchema,
    name: z.string().trim().min(1).max(200),
    origins: z.array(originSchema).max(50),
    ssoSecret: ssoSecretSchema.optional(),
    settings: siteSettingsPatchSchema.optional(),
  })
  .strict()
  .openapi("CreateSite");

export const updateSiteSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    origins: z.array(originSchema).max(50).optional(),
    settings: siteSettingsPatchSchema.optional(),
  })
  .strict()
  .openapi("UpdateSite");

export const rotateSecretSchema = z.object({ ssoSecret: ssoSecretSchema.optional() }).strict();

export const siteSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    origins: z.array(z.string()),
    settings: siteSettingsSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Site");

export const siteWithSecretSchema = z
  .object({
    site: siteSchema,
    ssoSecret: z.string().openapi({ description: "Shown only on creation and rotation" }),
    webhookSecret: z.string().optional().openapi({ description: "Signs webhook deliveries; shown only on creation (rotate with rotate-webhook-secret)" }),
  })
  .openapi("SiteWithSecret");

export function toSiteJson(site: SiteRecord): z.infer<typeof siteSchema> {
  return {
    id: site.id,
    name: site.name,
    origins: site.origins,
    settings: site.settings,
    createdAt: iso(site.createdAt),
    updatedAt: iso(site.updatedAt),
  };
}
