import { MAX_NAME_CHARS } from "../auth.schemas";
import { hasVisibleText, plainName } from "../../lib/plainText";

/** What an account keeps from a provider's identity claims or profile. */
export interface SocialProfile {
  subject: string;
  displayName: string;
  email: string | null;
  avatarUrl: string | null;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

const upToMaxChars = (name: string) => [...name].slice(0, MAX_NAME_CHARS).join("").trim();

/**
 * A provider's name cleaned like any display name (src/lib/plainText.ts) and cut to length;
 * undefined when nothing visible is left, so the next claim or the fallback is used instead.
 */
function displayText(value: unknown): string | undefined {
  const name = typeof value === "string" ? upToMaxChars(plainName(value)) : "";
  return hasVisibleText(name) ? name : undefined;
}

function httpUrl(value: unknown): string | null {
  const url = text(value);
  return url && url.length <= 2000 && /^https?:\/\//i.test(url) ? url : null;
}

/**
 * Maps a provider's claims (ID token, or Naver's profile `response`) to a profile. Korean
 * providers name people by `nickname`, OpenID ones by `name`; a provider that shares neither
 * gives "<label> 사용자", and so does a name with nothing visible once control, bidi and
 * invisible characters are removed (the Hangul filler U+3164 is a popular "blank" nickname).
 * An email the provider marks unverified is dropped.
 *
 * @example
 * profileFromClaims("kakao", "카카오", { sub: "123", nickname: "라이언" }).displayName // "라이언"
 */
export function profileFromClaims(providerId: string, label: string, claims: Record<string, unknown>, subject: string): SocialProfile {
  const nicknameFirst = providerId === "kakao" || providerId === "naver";
  const names = nicknameFirst ? [claims.nickname, claims.name] : [claims.name, claims.nickname, claims.preferred_username];
  const name = names.map(displayText).find((n) => n !== undefined) ?? upToMaxChars(`${label} 사용자`);
  const email = claims.email_verified === false ? undefined : text(claims.email);
  return {
    subject,
    displayName: name,
    email: email && email.length <= 320 ? email : null,
    avatarUrl: httpUrl(claims.picture ?? claims.profile_image),
  };
}
