import { errors, jwtVerify } from "jose";
import { z } from "zod";
import { badgeListSchema, displayNameSchema } from "./auth.schemas";

/** Longest validity a site may give an SSO token (exp − iat). */
const MAX_TOKEN_LIFETIME_S = 24 * 3600;
const CLOCK_TOLERANCE_S = 60;

const claimsSchema = z.object({
  sub: z.string().trim().min(1).max(200),
  name: displayNameSchema,
  email: z.string().email().max(320).optional(),
  /** The site vouches for `email`: only such an address receives notification e-mails. */
  email_verified: z.boolean().optional(),
  avatar: z
    .string()
    .url()
    .max(2000)
    .refine((u) => /^https?:/i.test(u), "avatar must be an http(s) URL")
    .optional(),
  role: z.enum(["commenter", "moderator"]).default("commenter"),
  /** Badges next to the reader's name (기자, 전문가): when present, they replace the account's SSO badges. */
  badges: badgeListSchema.optional(),
  iat: z.number().int().optional(),
  /** A unique id per token: it may be exchanged once (without one, the token's hash is used). */
  jti: z.string().min(1).max(200).optional(),
  exp: z.number().int(),
  aud: z.union([z.string(), z.array(z.string())]).optional(),
});

export type SsoClaims = z.infer<typeof claimsSchema>;

export type SsoResult = { ok: true; claims: SsoClaims } | { ok: false; reason: string };

/**
 * Verifies a site's SSO token: HS256 only (no `none`, no other algorithm), a valid signature
 * with the site's secret, not expired or not yet valid, valid for at most 24 hours, and when
 * `aud` is present it must name the site.
 */
export async function verifySsoToken(token: string, secret: string, siteId: string, now = Date.now()): Promise<SsoResult> {
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      algorithms: ["HS256"],
      requiredClaims: ["exp", "sub"],
      clockTolerance: CLOCK_TOLERANCE_S,
      currentDate: new Date(now),
    }));
  } catch (error) {
    return { ok: false, reason: describeJoseError(error) };
  }
  const parsed = claimsSchema.safeParse(payload);
  if (!parsed.success) {
    return { ok: false, reason: `Invalid claims: ${parsed.error.issues.map((i) => i.path.join(".") || i.message).join(", ")}` };
  }
  const claims = parsed.data;
  const audiences = claims.aud === undefined ? [] : [claims.aud].flat();
  if (audiences.length > 0 && !audiences.includes(siteId)) return { ok: false, reason: "The token is for another site" };
  const issuedAt = claims.iat ?? Math.floor(now / 1000);
  if (claims.exp - issuedAt > MAX_TOKEN_LIFETIME_S) return { ok: false, reason: "The token is valid for more than 24 hours" };
  if (claims.iat !== undefined && claims.iat > now / 1000 + CLOCK_TOLERANCE_S) return { ok: false, reason: "The token is issued in the future" };
  return { ok: true, claims };
}

function describeJoseError(error: unknown): string {
  if (error instanceof errors.JWTExpired) return "The token has expired";
  if (error instanceof errors.JWSSignatureVerificationFailed) return "The token's signature is not valid";
  if (error instanceof errors.JOSEAlgNotAllowed) return "The token must be signed with HS256";
  if (error instanceof errors.JWTClaimValidationFailed) return `The token's claim '${error.claim}' is not valid`;
  return "The token is not a valid JWT";
}
