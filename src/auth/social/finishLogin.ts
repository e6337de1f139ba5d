import type { Db } from "../../db/client";
import type { Env } from "../../env";
import { sha256Hex } from "../../lib/crypto";
import { secretsKey } from "../../lib/secretsKey";
import { enabledProvider } from "./enabledProvider";
import { exchangeCode } from "./exchangeCode";
import { ApiError } from "../../lib/errors";
import { loginSecrets } from "./loginSecrets";
import { consumePendingLogin } from "./pendingLogins.queries";
import { resolveProvider } from "./resolveProvider";
import { prepareLink } from "./linkIdentity";
import { signInWithIdentity, type SignedIn } from "./signInWithIdentity";
import { callbackUrl } from "./startLogin";

export interface FinishLogin {
  providerId: string;
  /** The callback URL as the provider redirected to it (code, state, or error). */
  callback: URL;
  /** The browser-binding cookie sent with the callback. */
  browser: string | undefined;
  serviceOrigin: string;
}

/**
 * Completes a social login at its callback: the state must name a live pending login (taken
 * out once, so a replayed callback fails), started in this browser, for this provider, which
 * the site must still offer. Only then is the code exchanged and the identity logged in — or,
 * for a link, held until the account's session confirms it.
 */
export type Finished = ({ kind: "login"; origin: string } & SignedIn) | { kind: "link"; origin: string; proof: string; expiresAt: number };

export async function finishLogin(db: Db, env: Pick<Env, "SECRETS_KEY" | "SECRETS_KEY_PREVIOUS">, input: FinishLogin, now = Date.now()): Promise<Finished> {
  // Fails closed (503) before anything is written when SECRETS_KEY is missing or short.
  const key = secretsKey(env);
  const state = input.callback.searchParams.get("state");
  if (!state) throw new ApiError("invalid_state", "The answer carries no login state; please start again");
  const pending = await consumePendingLogin(db, await sha256Hex(state), now);
  if (!pending || pending.provider !== input.providerId) {
    throw new ApiError("invalid_state", "This login has expired or was already used; please start again");
  }
  if (input.browser === undefined || (await sha256Hex(input.browser)) !== pending.browserHash) {
    throw new ApiError("invalid_state", "This login was started in another browser; please start again");
  }
  const provider = await resolveProvider(await enabledProvider(db, pending.siteId, input.providerId), env);
  const { codeVerifier, nonce } = await loginSecrets(key, state);
  const profile = await exchangeCode(provider, input.callback, {
    state,
    codeVerifier,
    nonce,
    redirectUri: callbackUrl(input.serviceOrigin, provider.id),
  });
  if (pending.linkUserId !== null) {
    const link = await prepareLink(db, { siteId: pending.siteId, provider: provider.id, subject: profile.subject, userId: pending.linkUserId }, now);
    return { kind: "link", origin: pending.origin, ...link };
  }
  return { kind: "login", origin: pending.origin, ...(await signInWithIdentity(db, pending.siteId, provider.id, profile, now)) };
}
