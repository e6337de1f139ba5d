/**
 * The e2e suite's social logins: the same real OpenID provider (oidc-provider) and Naver
 * stand-in the API tests use (test/setup/social/), here with login pages a browser fills in,
 * and the wrangler dev origin's callbacks registered. Kakao (an OpenID preset, its issuer
 * replaced by the local provider) and Naver are enabled on the e2e site through the admin API.
 */
import { NAVER_CLIENT_ID, startNaverStandIn } from "../../setup/social/naverStandIn";
import { startOidcIssuer } from "../../setup/social/oidcIssuer";

export interface SocialProviders {
  issuer: string;
  naver: string;
  naverClientId: string;
  clientSecret: string;
}

/** What the e2e site's Kakao and Naver are configured with (PUT /admin/sites/:site/login-providers/:provider). */
export function providerConfigs(p: SocialProviders) {
  return {
    // Kakao's preset authenticates with client_secret_post, as this client of the issuer does.
    kakao: { clientId: "marginalia-post", clientSecret: p.clientSecret, issuer: p.issuer },
    naver: {
      clientId: p.naverClientId,
      clientSecret: p.clientSecret,
      endpoints: { authorization: `${p.naver}/oauth2.0/authorize`, token: `${p.naver}/oauth2.0/token`, profile: `${p.naver}/v1/nid/me` },
    },
  };
}

export async function configureProvider(service: string, adminToken: string, site: string, provider: string, body: unknown): Promise<void> {
  const res = await fetch(`${service}/api/v1/admin/sites/${site}/login-providers/${provider}`, {
    method: "PUT",
    headers: { Authorization: `Bearer ${adminToken}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (res.status !== 200) throw new Error(`configuring ${provider} on ${site}: ${res.status} ${await res.text()}`);
}

/** Starts both providers for `service` and enables them on `site`; returns what the tests need and how to stop. */
export async function startSocialProviders(service: string, adminToken: string, site: string) {
  const clientSecret = "e2e-client-secret-0123456789-abcdefghij";
  const [oidc, naver] = await Promise.all([
    startOidcIssuer(clientSecret, { serviceOrigins: [service], interactive: true }),
    startNaverStandIn(clientSecret, { interactive: true }),
  ]);
  const provided: SocialProviders = { issuer: oidc.issuer, naver: naver.base, naverClientId: NAVER_CLIENT_ID, clientSecret };
  try {
    for (const [id, config] of Object.entries(providerConfigs(provided))) await configureProvider(service, adminToken, site, id, config);
  } catch (error) {
    await Promise.all([oidc.close(), naver.close()]);
    throw error;
  }
  return { provided, close: () => Promise.all([oidc.close(), naver.close()]).then(() => {}) };
}
