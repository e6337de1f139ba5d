import { z } from "@hono/zod-openapi";
import type { LoginProviderRow } from "../../db/schema";
import { isPreset, presetFor, providerIdPattern } from "./presets";
import { iso } from "../../lib/iso";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** An https URL; plain http only on loopback (a local stand-in in tests or development). */
const endpointUrlSchema = z
  .string()
  .max(500)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK.has(url.hostname));
    } catch {
      return false;
    }
  }, "must be an https URL (http only on loopback)");

export const providerIdSchema = z
  .string()
  .regex(providerIdPattern, "must be 2–32 lowercase letters, digits or dashes (not 'sso')")
  .openapi({ example: "kakao" });

/** Worker secrets a provider may name: only `…CLIENT_SECRET…`, so ADMIN_TOKEN or SECRETS_KEY can never be sent out. */
export const secretRefSchema = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]*CLIENT_SECRET[A-Z0-9_]*$/, "must name a Worker secret containing CLIENT_SECRET, e.g. KAKAO_CLIENT_SECRET_DEMO");

export const saveProviderSchema = z
  .object({
    enabled: z.boolean().default(true),
    label: z.string().trim().min(1).max(40).nullable().optional(),
    clientId: z.string().trim().min(1).max(256),
    clientSecret: z.string().min(1).max(512).nullable().optional().openapi({ description: "Stored sealed; omit to keep the stored one, null to remove it" }),
    clientSecretRef: secretRefSchema
      .nullable()
      .optional()
      .openapi({ description: "Name of a Worker secret holding the client secret (wins over a stored one)" }),
    issuer: endpointUrlSchema
      .nullable()
      .optional()
      .openapi({ description: "OpenID issuer: required for a generic provider; replaces Google's or Kakao's (testing only)" }),
    endpoints: z
      .object({ authorization: endpointUrlSchema, token: endpointUrlSchema, profile: endpointUrlSchema })
      .strict()
      .nullable()
      .optional()
      .openapi({ description: "Naver only: replaces its authorize, token and profile URLs (testing only)" }),
    scopes: z
      .array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]{1,64}$/))
      .min(1)
      .max(20)
      .nullable()
      .optional(),
  })
  .strict()
  .openapi("SaveLoginProvider");

export type SaveProviderInput = z.infer<typeof saveProviderSchema>;

/** Checks the fields that depend on which provider this is; returns the failing ones. */
export function providerInputIssues(id: string, input: SaveProviderInput): { location: string; path: string; message: string }[] {
  const kind = presetFor(id).kind;
  const issues: { path: string; message: string }[] = [];
  if (!isPreset(id) && !input.issuer) issues.push({ path: "issuer", message: "a generic OpenID provider needs its issuer URL" });
  if (kind === "naver" && input.issuer) issues.push({ path: "issuer", message: "Naver is not an OpenID provider; use endpoints" });
  if (kind !== "naver" && input.endpoints) issues.push({ path: "endpoints", message: "only Naver takes endpoints; OpenID providers use issuer discovery" });
  if (kind === "naver" && input.scopes) issues.push({ path: "scopes", message: "Naver's scopes are set in its developer console" });
  if (input.scopes && !input.scopes.includes("openid")) issues.push({ path: "scopes", message: "must include openid" });
  return issues.map((i) => ({ location: "json", ...i }));
}

export const loginProviderSchema = z
  .object({
    id: z.string(),
    kind: z.enum(["oidc", "naver"]),
    label: z.string(),
    enabled: z.boolean(),
    clientId: z.string(),
    hasClientSecret: z.boolean().openapi({ description: "A sealed secret is stored (never shown)" }),
    clientSecretRef: z.string().nullable(),
    issuer: z.string().nullable(),
    endpoints: z.object({ authorization: z.string(), token: z.string(), profile: z.string() }).nullable(),
    scopes: z.array(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("LoginProvider");

export const publicProviderSchema = z.object({ id: z.string(), kind: z.enum(["oidc", "naver"]), label: z.string() }).openapi("PublicLoginProvider");

export function toLoginProviderJson(row: LoginProviderRow): z.infer<typeof loginProviderSchema> {
  const preset = presetFor(row.id);
  return {
    id: row.id,
    kind: preset.kind,
    label: row.label ?? preset.label,
    enabled: row.enabled,
    clientId: row.clientId,
    hasClientSecret: row.clientSecretSealed !== null,
    clientSecretRef: row.clientSecretRef,
    issuer: row.issuer ?? preset.issuer ?? null,
    endpoints: row.endpoints ?? preset.endpoints ?? null,
    scopes: row.scopes ?? preset.scopes,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}
