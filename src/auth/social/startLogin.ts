import * as oauth from "oauth4webapi";
import type { Db } from "../../db/client";
import type { Env } from "../../env";
import { sha256Hex } from "../../lib/crypto";
import { secretsKey } from "../../lib/secretsKey";
import { findSite } from "../../sites/sites.queries";
import { enabledProvider } from "./enabledProvider";
import { ApiError } from "../../lib/errors";
import { loginSecrets } from "./loginSecrets";
import { consumeLinkTicket, insertPendingLogin } from "./pendingLogins.queries";
import { resolveProvider } from "./resolveProvider";

/** How long a reader has to finish logging in at the provider. */
export const LOGIN_TTL_MS = 10 * 60_000;

export interface StartLogin {
  siteId: string;
  providerId: string;
  /** The opener's origin: one of the site's, a DEV_ORIGINS entry, or this service's (the dashboard). */
  origin: string;
  /** A link ticket from POST /auth/:provider/link: attach the identity to that account. */
  linkTicket?: string;
  /** This service's origin, where the callback lives. */
  serviceOrigin: string;
  /** The browser-binding cookie value set on this response. */
  browser: string;
}

export function callbackUrl(serviceOrigin: string, providerId: string): string {
  return `${serviceOrigin}/api/v1/auth/${providerId}/callback`;
}

/**
 * Begins an authorization code flow with PKCE, `state` and (OpenID) `nonce`: checks the site,
 * the host page's origin and the provider, records the pending login (single use, ten minutes)
 * and returns the provider's authorization URL to redirect the popup to.
 */
export async function startLogin(
  db: Db,
  env: Pick<Env, "SECRETS_KEY" | "SECRETS_KEY_PREVIOUS" | "DEV_ORIGINS">,
  input: StartLogin,
  now = Date.now(),
): Promise<URL> {
  // Fails closed (503) before anything is written when SECRETS_KEY is missing or short.
  const key = secretsKey(env);
  const site = await findSite(db, input.siteId);
  if (!site) throw new ApiError("site_not_found", `There is no site '${input.siteId}'`);
  const devOrigins = (env.DEV_ORIGINS ?? "").split(",").map((o) => o.trim());
  // The service's own origin is safe too: the moderator dashboard lives there, and the popup
  // posts its result only to the service's origin whatever `origin` says (popupPage.ts).
  const allowed = [...site.origins, ...devOrigins, input.serviceOrigin];
  if (!allowed.includes(input.origin)) {
    throw new ApiError("origin_not_allowed", "Logging in is only possible from the site's own pages");
  }
  const row = await enabledProvider(db, site.id, input.providerId);
  let linkUserId: string | null = null;
  if (input.linkTicket !== undefined) {
    const ticket = await consumeLinkTicket(db, await sha256Hex(input.linkTicket), site.id, input.providerId, now);
    if (!ticket) throw new ApiError("invalid_state", "This link request has expired or was already used; start again from your account");
    linkUserId = ticket.userId;
  }
  const provider = await resolveProvider(row, env);
  const state = oauth.generateRandomState();
  const { codeVerifier, nonce } = await loginSecrets(key, state);
  const url = new URL(provider.as.authorization_endpoint!);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", provider.client.client_id);
  url.searchParams.set("redirect_uri", callbackUrl(input.serviceOrigin, provider.id));
  url.searchParams.set("state", state);
  url.searchParams.set("code_challenge", await oauth.calculatePKCECodeChallenge(codeVerifier));
  url.searchParams.set("code_challenge_method", "S256");
  if (provider.kind === "oidc") {
    url.searchParams.set("scope", provider.scopes.join(" "));
    url.searchParams.set("nonce", nonce);
  }
  await insertPendingLogin(db, {
    stateHash: await sha256Hex(state),
    siteId: site.id,
    provider: provider.id,
    origin: input.origin,
    browserHash: await sha256Hex(input.browser),
    linkUserId,
    createdAt: now,
    expiresAt: now + LOGIN_TTL_MS,
  });
  return url;
}
