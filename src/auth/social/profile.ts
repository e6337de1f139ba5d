/** What an account keeps from a provider's identity claims or profile. */
export interface SocialProfile {
  subject: string;
  displayName: string;
  email: string | null;
  avatarUrl: string | null;
}

const MAX_NAME = 100;

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

function httpUrl(value: unknown): string | null {
  const url = text(value);
  return url && url.length <= 2000 && /^https?:\/\//i.test(url) ? url : null;
}

/**
 * Maps a provider's claims (ID token, or Naver's profile `response`) to a profile. Korean
 * providers name people by `nickname`, OpenID ones by `name`; a provider that shares neither
 * gives "<label> 사용자". An email the provider marks unverified is dropped.
 *
 * @example
 * profileFromClaims("kakao", "카카오", { sub: "123", nickname: "라이언" }).displayName // "라이언"
 */
export function profileFromClaims(providerId: string, label: string, claims: Record<string, unknown>, subject: string): SocialProfile {
  const nicknameFirst = providerId === "kakao" || providerId === "naver";
  const names = nicknameFirst ? [claims.nickname, claims.name] : [claims.name, claims.nickname, claims.preferred_username];
  const name = names.map(text).find((n) => n !== undefined) ?? `${label} 사용자`;
  const email = claims.email_verified === false ? undefined : text(claims.email);
  return {
    subject,
    displayName: [...name].slice(0, MAX_NAME).join(""),
    email: email && email.length <= 320 ? email : null,
    avatarUrl: httpUrl(claims.picture ?? claims.profile_image),
  };
}
