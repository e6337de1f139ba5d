import { base64url } from "../../lib/crypto";

const encoder = new TextEncoder();

/**
 * The PKCE code verifier and the OpenID nonce of a login, derived from its `state` with
 * SECRETS_KEY (HMAC-SHA256). Nothing secret is stored with the pending login: a copy of the
 * database alone cannot finish anyone's login.
 *
 * @example
 * const { codeVerifier, nonce } = await loginSecrets(secretsKey(env), state);
 */
export async function loginSecrets(secretsKey: string, state: string): Promise<{ codeVerifier: string; nonce: string }> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(`marginalia-login:${secretsKey}`), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const derive = async (purpose: string) => base64url(new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(`${purpose}:${state}`))));
  const [codeVerifier, nonce] = await Promise.all([derive("pkce"), derive("nonce")]);
  return { codeVerifier, nonce };
}
