import * as oauth from "oauth4webapi";
import type { LoginProviderRow } from "../../db/schema";
import type { Env } from "../../env";
import { clientSecretOf } from "./clientSecret";
import { ApiError } from "../../lib/errors";
import { presetFor, type ProviderKind } from "./presets";
import { discover } from "./transport";

/** Everything needed to talk to one site's provider, ready for oauth4webapi. */
export interface ResolvedProvider {
  id: string;
  label: string;
  kind: ProviderKind;
  as: oauth.AuthorizationServer;
  client: oauth.Client;
  clientAuth: oauth.ClientAuth;
  scopes: string[];
  /** Naver's profile API (OAuth 2 providers without ID tokens). */
  profileUrl?: string;
}

/**
 * Turns a site's provider configuration into an authorization server and a client: OpenID
 * providers by discovery from their issuer, Naver from its (preset or configured) endpoints.
 */
export async function resolveProvider(row: LoginProviderRow, env: Pick<Env, "SECRETS_KEY" | "SECRETS_KEY_PREVIOUS">): Promise<ResolvedProvider> {
  const preset = presetFor(row.id);
  const label = row.label ?? preset.label;
  const secret = await clientSecretOf(row, env);
  const clientAuth =
    secret === undefined ? oauth.None() : preset.tokenAuth === "client_secret_post" ? oauth.ClientSecretPost(secret) : oauth.ClientSecretBasic(secret);
  const client: oauth.Client = { client_id: row.clientId };
  const base = { id: row.id, label, kind: preset.kind, client, clientAuth, scopes: row.scopes ?? preset.scopes };
  if (preset.kind === "naver") {
    const endpoints = row.endpoints ?? preset.endpoints!;
    // Naver has no discovery and no issuer; this stands in for its metadata.
    const as: oauth.AuthorizationServer = {
      issuer: new URL(endpoints.authorization).origin,
      authorization_endpoint: endpoints.authorization,
      token_endpoint: endpoints.token,
    };
    return { ...base, as, profileUrl: endpoints.profile };
  }
  const issuer = row.issuer ?? preset.issuer;
  if (!issuer) throw new ApiError("provider_misconfigured", "This login is not set up correctly on this site; please tell the site");
  return { ...base, as: await discover(issuer, label) };
}
