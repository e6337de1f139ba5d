import type { Env } from "../env";
import { randomToken } from "../lib/crypto";
import { ApiError } from "../lib/errors";
import { sealSecret } from "../lib/secretsKey";
import { devWebhookHosts, webhookUrlProblem } from "./webhookUrl";
import type { SiteRecord } from "./sites.queries";

/** A new webhook signing secret: shown once in clear, stored sealed. */
export async function newWebhookSecret(env: Pick<Env, "SECRETS_KEY" | "SECRETS_KEY_PREVIOUS">): Promise<{ secret: string; sealed: string }> {
  const secret = `whsec_${randomToken(32)}`;
  return { secret, sealed: await sealSecret(env, secret) };
}

/**
 * Checks a requested `webhookUrl` before anything is written: only the admin token may set it
 * (a moderator could otherwise have the Worker POST signed events into any network), and it
 * must be an https URL outside loopback and private ranges. `path` names the field in the 400.
 */
export function assertWebhookUrlChange(env: Pick<Env, "DEV_WEBHOOK_HOSTS">, byAdmin: boolean, url: string | null | undefined, path: string): void {
  if (url === undefined) return;
  if (!byAdmin) {
    throw new ApiError("forbidden", "Only the admin token may set webhookUrl", [{ location: "json", path, message: "only the admin token may set this" }]);
  }
  if (url === null) return;
  const problem = webhookUrlProblem(url, devWebhookHosts(env.DEV_WEBHOOK_HOSTS));
  if (problem) throw new ApiError("invalid_request", `webhookUrl ${problem}`, [{ location: "json", path, message: problem }]);
}

/**
 * The signing secret to store with a newly set webhook URL: a site that has none yet gets one,
 * written in the same update as the URL and returned once so the admin can give it to the
 * receiving end. Undefined when no URL is being set or the site already has a secret.
 */
export async function secretForNewWebhook(
  env: Pick<Env, "SECRETS_KEY" | "SECRETS_KEY_PREVIOUS">,
  site: Pick<SiteRecord, "webhookSecretSealed">,
  url: string | null | undefined,
): Promise<{ secret: string; sealed: string } | undefined> {
  if (!url || site.webhookSecretSealed) return undefined;
  return newWebhookSecret(env);
}
