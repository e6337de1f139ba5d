import * as oauth from "oauth4webapi";
import { naverProfile, rejectNaverTokenError } from "./naverProfile";
import { profileFromClaims, type SocialProfile } from "./profile";
import { providerFailure, type Stage } from "./providerFailure";
import type { ResolvedProvider } from "./resolveProvider";
import { httpOptions, keySetOf } from "./transport";

export interface LoginProof {
  state: string;
  codeVerifier: string;
  nonce: string;
  redirectUri: string;
}

async function step<T>(stage: Stage, label: string, run: () => Promise<T> | T): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw providerFailure(error, stage, label);
  }
}

/**
 * Finishes the authorization code flow at the provider and returns who logged in. The
 * authorization response must carry this login's state (and the provider's `iss` when it
 * announces one); the code is redeemed with the PKCE verifier; an OpenID provider's ID token
 * is checked for issuer, audience, expiry and nonce, and its signature against the provider's
 * JWKS. Naver, without ID tokens, is asked for the profile with the access token.
 */
export async function exchangeCode(provider: ResolvedProvider, callback: URL, proof: LoginProof): Promise<SocialProfile> {
  const { as, client, clientAuth, label } = provider;
  const params = await step("authorization", label, () => oauth.validateAuthResponse(as, client, callback, proof.state));
  const naver = provider.kind === "naver";
  const response = await step("token", label, () =>
    oauth.authorizationCodeGrantRequest(as, client, clientAuth, params, proof.redirectUri, proof.codeVerifier, {
      ...httpOptions(as.token_endpoint!),
      // Naver wants the state again at its token endpoint.
      ...(naver ? { additionalParameters: { state: proof.state } } : {}),
    }),
  );
  if (naver) {
    const tokens = await step("token", label, async () => {
      await rejectNaverTokenError(response);
      return oauth.processAuthorizationCodeResponse(as, client, response);
    });
    return naverProfile(provider.profileUrl!, tokens.access_token, label);
  }
  const tokens = await step("token", label, () =>
    oauth.processAuthorizationCodeResponse(as, client, response, { expectedNonce: proof.nonce, requireIdToken: true }),
  );
  await step("id_token", label, () =>
    oauth.validateApplicationLevelSignature(as, response, { [oauth.jwksCache]: keySetOf(as.issuer), ...httpOptions(as.jwks_uri ?? as.issuer) }),
  );
  const claims = oauth.getValidatedIdTokenClaims(tokens)!;
  return profileFromClaims(provider.id, label, claims, claims.sub);
}
