import { base64url, constantTimeEqual } from "../../lib/crypto";
import { secretsKey } from "../../lib/secretsKey";
import type { Env } from "../../env";

type KeyEnv = Pick<Env, "SECRETS_KEY" | "SECRETS_KEY_PREVIOUS">;

async function sign(key: string, userId: string): Promise<string> {
  const hmacKey = await crypto.subtle.importKey("raw", new TextEncoder().encode(`marginalia-unsubscribe:${key}`), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  return base64url(new Uint8Array(await crypto.subtle.sign("HMAC", hmacKey, new TextEncoder().encode(userId))));
}

/**
 * The token of a reader's one-click unsubscribe link: an HMAC of their id under a key derived
 * from SECRETS_KEY. It does one thing (turn their e-mail off), so it does not expire.
 *
 * @example const link = `${base}/api/v1/notifications/unsubscribe?user=${id}&token=${await unsubscribeToken(env, id)}`;
 */
export const unsubscribeToken = (env: KeyEnv, userId: string) => sign(secretsKey(env), userId);

/** Whether `token` is the user's unsubscribe token, under SECRETS_KEY or, while rotating, the previous key. */
export async function isUnsubscribeToken(env: KeyEnv, userId: string, token: string): Promise<boolean> {
  const keys = [secretsKey(env), ...(env.SECRETS_KEY_PREVIOUS ? [env.SECRETS_KEY_PREVIOUS] : [])];
  for (const key of keys) if (await constantTimeEqual(token, await sign(key, userId))) return true;
  return false;
}
