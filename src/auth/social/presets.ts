import type { ProviderEndpoints } from "../../db/schema";

/** How a provider is spoken to: OpenID Connect with discovery, or Naver's OAuth 2 + profile API. */
export type ProviderKind = "oidc" | "naver";

/** How the client authenticates at the token endpoint when it has a secret. */
type TokenAuthMethod = "client_secret_basic" | "client_secret_post";

export interface Preset {
  kind: ProviderKind;
  label: string;
  issuer?: string;
  endpoints?: ProviderEndpoints;
  scopes: string[];
  tokenAuth: TokenAuthMethod;
}

/**
 * The built-in providers. Google and Kakao are OpenID providers found by discovery; Naver has
 * no OpenID Connect, so its login is OAuth 2 followed by its profile API. Any other provider id
 * is a generic OpenID provider configured by issuer URL.
 */
const presets: Record<string, Preset> = {
  google: { kind: "oidc", label: "Google", issuer: "https://accounts.google.com", scopes: ["openid", "email", "profile"], tokenAuth: "client_secret_basic" },
  kakao: {
    kind: "oidc",
    label: "카카오",
    issuer: "https://kauth.kakao.com",
    scopes: ["openid", "profile_nickname", "profile_image"],
    tokenAuth: "client_secret_post",
  },
  naver: {
    kind: "naver",
    label: "네이버",
    endpoints: {
      authorization: "https://nid.naver.com/oauth2.0/authorize",
      token: "https://nid.naver.com/oauth2.0/token",
      profile: "https://openapi.naver.com/v1/nid/me",
    },
    scopes: [],
    tokenAuth: "client_secret_post",
  },
};

const generic: Preset = { kind: "oidc", label: "OpenID", scopes: ["openid", "profile", "email"], tokenAuth: "client_secret_basic" };

/** The preset for a provider id: a built-in one, or the generic OpenID provider. */
export function presetFor(providerId: string): Preset {
  return presets[providerId] ?? generic;
}

export function isPreset(providerId: string): boolean {
  return Object.hasOwn(presets, providerId);
}

/** Provider ids: lowercase slugs; `sso` is taken by site SSO identities (`sso:<site>`). */
export const providerIdPattern = /^(?!sso$)[a-z][a-z0-9-]{1,31}$/;
