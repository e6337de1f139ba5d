import { and, eq, isNotNull } from "drizzle-orm";
import type { Db } from "../db/client";
import { loginProviders, sites } from "../db/schema";
import type { Env } from "../env";
import { openSecret, sealSecret } from "../lib/secretsKey";

type KeyEnv = Pick<Env, "SECRETS_KEY" | "SECRETS_KEY_PREVIOUS">;

/** The sealed value under the current key, or undefined when it already is. */
async function resealed(env: KeyEnv, sealed: string): Promise<string | undefined> {
  const { plain, stale } = await openSecret(env, sealed);
  return stale ? sealSecret(env, plain) : undefined;
}

/**
 * Moves every sealed secret (sites' SSO and webhook secrets, providers' client secrets) from
 * SECRETS_KEY_PREVIOUS to SECRETS_KEY. Each update is guarded on the value it read, so a
 * rotation that lands meanwhile is kept. Safe to run again: rows already under the current key
 * are left alone. A value neither key opens stops it with 503 before anything is changed for
 * that row.
 */
export async function resealSecrets(db: Db, env: KeyEnv): Promise<{ sites: number; providers: number }> {
  let siteCount = 0;
  for (const site of await db.select({ id: sites.id, sso: sites.ssoSecretSealed, webhook: sites.webhookSecretSealed }).from(sites).all()) {
    const sso = await resealed(env, site.sso);
    const webhook = site.webhook === null ? undefined : await resealed(env, site.webhook);
    if (sso === undefined && webhook === undefined) continue;
    const changes = { ...(sso ? { ssoSecretSealed: sso } : {}), ...(webhook ? { webhookSecretSealed: webhook } : {}) };
    const unchanged = and(
      eq(sites.id, site.id),
      eq(sites.ssoSecretSealed, site.sso),
      site.webhook === null ? undefined : eq(sites.webhookSecretSealed, site.webhook),
    );
    const result = await db.update(sites).set(changes).where(unchanged).run();
    siteCount += result.meta.changes > 0 ? 1 : 0;
  }
  let providerCount = 0;
  const providers = await db
    .select({ siteId: loginProviders.siteId, id: loginProviders.id, sealed: loginProviders.clientSecretSealed })
    .from(loginProviders)
    .where(isNotNull(loginProviders.clientSecretSealed))
    .all();
  for (const provider of providers) {
    const next = await resealed(env, provider.sealed!);
    if (next === undefined) continue;
    const result = await db
      .update(loginProviders)
      .set({ clientSecretSealed: next })
      .where(and(eq(loginProviders.siteId, provider.siteId), eq(loginProviders.id, provider.id), eq(loginProviders.clientSecretSealed, provider.sealed!)))
      .run();
    providerCount += result.meta.changes > 0 ? 1 : 0;
  }
  return { sites: siteCount, providers: providerCount };
}
