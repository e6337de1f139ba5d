import type { Db } from "../db/client";
import type { Env } from "../env";
import { randomToken } from "../lib/crypto";
import { sealSecret } from "../lib/secretsKey";
import { updateSite } from "./sites.queries";
import { newWebhookSecret } from "./webhookSettings";

type KeyEnv = Pick<Env, "SECRETS_KEY" | "SECRETS_KEY_PREVIOUS">;

/** Replaces a site's SSO secret (the given one, or a generated one): tokens signed with the old one fail from now on. */
export async function rotateSsoSecret(db: Db, env: KeyEnv, siteId: string, given?: string): Promise<string> {
  const ssoSecret = given ?? randomToken(32);
  await updateSite(db, siteId, { ssoSecretSealed: await sealSecret(env, ssoSecret) });
  return ssoSecret;
}

/** Replaces a site's webhook signing secret; deliveries are signed with the new one at once. */
export async function rotateWebhookSecret(db: Db, env: KeyEnv, siteId: string): Promise<string> {
  const webhook = await newWebhookSecret(env);
  await updateSite(db, siteId, { webhookSecretSealed: webhook.sealed });
  return webhook.secret;
}
