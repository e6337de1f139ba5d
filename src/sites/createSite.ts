import type { z } from "@hono/zod-openapi";
import type { createSiteSchema } from "./sites.schemas";
import type { Db } from "../db/client";
import type { Env } from "../env";
import { randomToken } from "../lib/crypto";
import { ApiError } from "../lib/errors";
import { sealSecret } from "../lib/secretsKey";
import { siteSettingsSchema } from "./settings";
import { findSite, insertSite, type SiteRecord } from "./sites.queries";
import { assertWebhookUrlChange, newWebhookSecret } from "./webhookSettings";

/**
 * Creates a site with its SSO secret (the one given, or a strong generated one) and a webhook
 * signing secret, both sealed; returns them in clear this once. Every check comes before the
 * write, and two creates of one id racing end with one site and one `409 site_exists`.
 */
export async function createSite(
  db: Db,
  env: Pick<Env, "SECRETS_KEY" | "SECRETS_KEY_PREVIOUS" | "DEV_WEBHOOK_HOSTS">,
  input: z.infer<typeof createSiteSchema>,
  now = Date.now(),
) {
  const exists = () => new ApiError("site_exists", `A site '${input.id}' already exists`);
  if (await findSite(db, input.id)) throw exists();
  assertWebhookUrlChange(env, true, input.settings?.webhookUrl, "settings.webhookUrl");
  const ssoSecret = input.ssoSecret ?? randomToken(32);
  const webhook = await newWebhookSecret(env);
  const site: SiteRecord = {
    id: input.id,
    name: input.name,
    origins: [...new Set(input.origins)],
    ssoSecretSealed: await sealSecret(env, ssoSecret),
    webhookSecretSealed: webhook.sealed,
    settings: siteSettingsSchema.parse(input.settings ?? {}),
    createdAt: now,
    updatedAt: now,
  };
  try {
    await insertSite(db, site);
  } catch (error) {
    if (await findSite(db, input.id)) throw exists();
    throw error;
  }
  return { site, ssoSecret, webhookSecret: webhook.secret };
}
