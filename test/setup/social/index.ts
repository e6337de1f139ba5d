import type { TestProject } from "vitest/node";
import { NAVER_CLIENT_ID, startNaverStandIn } from "./naverStandIn";
import { startOidcIssuer } from "./oidcIssuer";

/**
 * Social login providers for the tests, in Node beside workerd: a real OpenID provider and a
 * Naver stand-in on loopback ports. Their URLs and test credentials are provided to the tests.
 */
export default async function setup(project: TestProject) {
  const clientSecret = "test-client-secret-0123456789-abcdefghij";
  const [oidc, naver] = await Promise.all([startOidcIssuer(clientSecret), startNaverStandIn(clientSecret)]);
  project.provide("socialLogin", { issuer: oidc.issuer, naver: naver.base, naverClientId: NAVER_CLIENT_ID, clientSecret });
  return async () => {
    await Promise.all([oidc.close(), naver.close()]);
  };
}
