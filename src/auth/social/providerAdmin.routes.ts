import { createRoute, z } from "@hono/zod-openapi";
import type { LoginProviderRow } from "../../db/schema";
import { sealSecret } from "../../lib/secretsKey";
import { ApiError } from "../../lib/errors";
import { adminSecurity, createRouter, errorResponses, jsonBody, jsonResponse } from "../../lib/openapi";
import { requireAdmin } from "../../middleware/auth";
import type { Db } from "../../db/client";
import { requireSite } from "../../sites/requireSite";
import { deleteLoginProvider, findLoginProvider, listLoginProviders, saveLoginProvider } from "./providerConfig.queries";
import { loginProviderSchema, providerIdSchema, providerInputIssues, saveProviderSchema, toLoginProviderJson } from "./providerConfig.schemas";

const security = adminSecurity;
const siteParams = z.object({ site: z.string().min(1).max(64) });
const providerParams = siteParams.extend({ provider: providerIdSchema });

const routes = {
  list: createRoute({
    method: "get",
    path: "/sites/{site}/login-providers",
    tags: ["Admin"],
    summary: "The site's social login providers",
    security,
    middleware: [requireAdmin] as const,
    request: { params: siteParams },
    responses: {
      200: jsonResponse(z.object({ providers: z.array(loginProviderSchema) }), "Providers (secrets never shown)"),
      ...errorResponses(401, 403, 404),
    },
  }),
  save: createRoute({
    method: "put",
    path: "/sites/{site}/login-providers/{provider}",
    tags: ["Admin"],
    security,
    middleware: [requireAdmin] as const,
    summary: "Configure a social login: google, kakao, naver, or any other id for an OpenID provider by issuer",
    request: { params: providerParams, ...jsonBody(saveProviderSchema) },
    responses: { 200: jsonResponse(z.object({ provider: loginProviderSchema }), "The saved configuration"), ...errorResponses(400, 401, 403, 404) },
  }),
  remove: createRoute({
    method: "delete",
    path: "/sites/{site}/login-providers/{provider}",
    tags: ["Admin"],
    security,
    middleware: [requireAdmin] as const,
    summary: "Remove a social login (accounts keep their identities; logging in with it stops)",
    request: { params: providerParams },
    responses: { 204: { description: "Removed" }, ...errorResponses(401, 403, 404) },
  }),
};

const siteIdOf = async (db: Db, siteId: string) => (await requireSite(db, siteId)).id;

/** Admin API (ADMIN_TOKEN) for each site's social login providers and their client credentials. */
export const providerAdminRoutes = createRouter();

providerAdminRoutes
  .openapi(routes.list, async (c) => {
    const db = c.get("db");
    const rows = await listLoginProviders(db, await siteIdOf(db, c.req.valid("param").site));
    return c.json({ providers: rows.map(toLoginProviderJson) }, 200);
  })
  .openapi(routes.save, async (c) => {
    const db = c.get("db");
    const { site, provider: id } = c.req.valid("param");
    const siteId = await siteIdOf(db, site);
    const input = c.req.valid("json");
    const issues = providerInputIssues(id, input);
    if (issues.length > 0) throw new ApiError("invalid_request", "The provider configuration is not valid", issues);
    const existing = await findLoginProvider(db, siteId, id);
    const now = Date.now();
    // A secret is write-only: omitted keeps the stored one, null removes it.
    const sealed =
      input.clientSecret === undefined
        ? (existing?.clientSecretSealed ?? null)
        : input.clientSecret === null
          ? null
          : await sealSecret(c.env, input.clientSecret);
    const row: LoginProviderRow = {
      siteId,
      id,
      enabled: input.enabled,
      label: input.label ?? null,
      clientId: input.clientId,
      clientSecretSealed: sealed,
      clientSecretRef: input.clientSecretRef ?? null,
      issuer: input.issuer ?? null,
      endpoints: input.endpoints ?? null,
      scopes: input.scopes ?? null,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    await saveLoginProvider(db, row);
    return c.json({ provider: toLoginProviderJson(row) }, 200);
  })
  .openapi(routes.remove, async (c) => {
    const db = c.get("db");
    const { site, provider } = c.req.valid("param");
    if (!(await deleteLoginProvider(db, await siteIdOf(db, site), provider))) throw new ApiError("not_found", `No provider '${provider}' on this site`);
    return c.body(null, 204);
  });
