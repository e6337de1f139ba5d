import { z } from "@hono/zod-openapi";
import type { User } from "../db/schema";
import { hasVisibleText, plainName } from "../lib/plainText";
import { iso } from "../lib/iso";

/** Longest display name, in code points (a Korean syllable or an emoji is one). */
export const MAX_NAME_CHARS = 100;

/**
 * A display name from an SSO token or a rename: cleaned (src/lib/plainText.ts) before it is
 * checked, so a name of only control or invisible characters is refused as empty.
 */
export const displayNameSchema = z
  .string()
  .transform(plainName)
  .refine(hasVisibleText, "must contain visible text")
  .refine((name) => [...name].length <= MAX_NAME_CHARS, `must be at most ${MAX_NAME_CHARS} characters`)
  .openapi({ type: "string", description: "1–100 characters after removing control, bidi and invisible characters" });

/**
 * Badges shown next to a name (기자, 전문가, 운영자): at most 3, each 1–20 characters after the
 * same cleaning as names, duplicates dropped. From the SSO claim `badges` or a moderator.
 */
export const badgeListSchema = z
  .array(
    z
      .string()
      .transform(plainName)
      .refine(hasVisibleText, "must contain visible text")
      .refine((badge) => [...badge].length <= 20, "must be at most 20 characters"),
  )
  .max(3)
  .transform((badges) => [...new Set(badges)])
  .openapi({ type: "array", items: { type: "string" }, maxItems: 3, description: "At most 3 badges of 1–20 characters" });

/** The badges shown next to a name: the SSO claim's, then those moderators gave, each once. */
export const shownBadges = (sso: string[], granted: string[]) => [...new Set([...sso, ...granted])];

export const ssoLoginSchema = z
  .object({
    site: z.string().min(1).max(64).openapi({ example: "demo" }),
    token: z.string().min(1).max(8192).openapi({ description: "HS256 JWT signed by the site's backend with its SSO secret" }),
  })
  .strict()
  .openapi("SsoLogin");

export const meSchema = z
  .object({
    id: z.string(),
    siteId: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    avatar: z.string().nullable(),
    role: z.enum(["commenter", "moderator"]),
    moderates: z.boolean().openapi({
      description:
        "Whether this login moderates the site: by the SSO token's role (SSO logins only) or by an admin's grant (any login). The widget shows pin and feature buttons then.",
    }),
    createdAt: z.string(),
  })
  .openapi("Me");

export const sessionResponseSchema = z.object({ session: z.string(), user: meSchema, expiresAt: z.string() }).openapi("SessionResponse");

export function toMe(
  user: Pick<User, "id" | "siteId" | "displayName" | "email" | "avatarUrl" | "role" | "createdAt">,
  moderates: boolean,
): z.infer<typeof meSchema> {
  return {
    id: user.id,
    siteId: user.siteId,
    name: user.displayName,
    email: user.email,
    avatar: user.avatarUrl,
    role: user.role,
    moderates,
    createdAt: iso(user.createdAt),
  };
}

/** A login linked to an account. */
export const identitySchema = z
  .object({
    provider: z.string().openapi({ example: "kakao", description: "`sso:<site>` for the site's own login" }),
    createdAt: z.string(),
  })
  .openapi("Identity");
