import type { z } from "@hono/zod-openapi";
import type { updateSiteSchema } from "./sites.schemas";
import type { Db } from "../db/client";
import type { Env } from "../env";
import { siteSettingsSchema } from "./settings";
import { updateSite, type SiteRecord } from "./sites.queries";
import { assertWebhookUrlChange, secretForNewWebhook } from "./webhookSettings";

/**
 * The admin's change of a site's name, origins or settings (settings merged over the stored
 * ones). A site given its first webhook URL gets its signing secret in the same write,
 * returned once.
 */
export async function changeSite(
  db: Db,
  env: Pick<Env, "SECRETS_KEY" | "SECRETS_KEY_PREVIOUS" | "DEV_WEBHOOK_HOSTS">,
  site: SiteRecord,
  input: z.infer<typeof updateSiteSchema>,
) {
  assertWebhookUrlChange(env, true, input.settings?.webhookUrl, "settings.webhookUrl");
  const settings = input.settings ? siteSettingsSchema.parse({ ...site.settings, ...input.settings }) : undefined;
  const webhook = await secretForNewWebhook(env, site, input.settings?.webhookUrl);
  await updateSite(db, site.id, {
    ...(input.name === undefined ? {} : { name: input.name }),
    ...(input.origins === undefined ? {} : { origins: [...new Set(input.origins)] }),
    ...(settings === undefined ? {} : { settings }),
    ...(webhook ? { webhookSecretSealed: webhook.sealed } : {}),
  });
  return { webhookSecret: webhook?.secret };
}
