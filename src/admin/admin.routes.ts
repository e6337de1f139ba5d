import { createRoute, z } from "@hono/zod-openapi";
import { adminArticleSchema, articleIdSchema, toArticleJson } from "../comments/comments.schemas";
import { setArticleState } from "../comments/articles.queries";
import { grantModerator, listModerators, revokeModerator } from "../moderation/moderators.queries";
import { adminSecurity, createRouter, errorResponses, jsonBody, jsonResponse } from "../lib/openapi";
import { requireAdmin } from "../middleware/auth";
import { searchUsers } from "./users.queries";
import { adminUserSchema, decodeNameCursor, encodeNameCursor, userSearchQuerySchema } from "./users.schemas";
import { changeSite } from "../sites/changeSite";
import { createSite } from "../sites/createSite";
import { requireSite } from "../sites/requireSite";
import { rotateSsoSecret, rotateWebhookSecret } from "../sites/rotateSecrets";
import { listSites } from "../sites/sites.queries";
import { resealSecrets } from "./resealSecrets";
import { articleStateSchema } from "./admin.schemas";
import { createSiteSchema, rotateSecretSchema, siteIdSchema, siteSchema, siteWithSecretSchema, toSiteJson, updateSiteSchema } from "../sites/sites.schemas";

const moderatorSchema = z.object({ userId: z.string(), name: z.string(), createdAt: z.string() }).openapi("Moderator");
const siteParams = z.object({ site: siteIdSchema });

const routes = {
  create: createRoute({
    method: "post",
    path: "/sites",
    tags: ["Admin"],
    summary: "Create a site",
    security: adminSecurity,
    request: jsonBody(createSiteSchema),
    responses: { 201: jsonResponse(siteWithSecretSchema, "The site and its SSO secret"), ...errorResponses(400, 401, 403, 409) },
  }),
  list: createRoute({
    method: "get",
    path: "/sites",
    tags: ["Admin"],
    summary: "List sites",
    security: adminSecurity,
    responses: { 200: jsonResponse(z.object({ sites: z.array(siteSchema) }), "All sites"), ...errorResponses(401, 403) },
  }),
  get: createRoute({
    method: "get",
    path: "/sites/{site}",
    tags: ["Admin"],
    summary: "Get a site",
    security: adminSecurity,
    request: { params: siteParams },
    responses: { 200: jsonResponse(z.object({ site: siteSchema }), "The site"), ...errorResponses(401, 403, 404) },
  }),
  update: createRoute({
    method: "patch",
    path: "/sites/{site}",
    tags: ["Admin"],
    summary: "Change a site's name, origins or settings",
    security: adminSecurity,
    request: { params: siteParams, ...jsonBody(updateSiteSchema) },
    responses: {
      200: jsonResponse(
        z.object({
          site: siteSchema,
          webhookSecret: z
            .string()
            .optional()
            .openapi({ description: "Only when this change gave the site its first webhook URL: the signing secret, shown once" }),
        }),
        "The updated site",
      ),
      ...errorResponses(400, 401, 403, 404),
    },
  }),
  rotate: createRoute({
    method: "post",
    path: "/sites/{site}/rotate-secret",
    tags: ["Admin"],
    summary: "Replace the SSO secret (the old one stops working)",
    security: adminSecurity,
    request: { params: siteParams, ...jsonBody(rotateSecretSchema, false) },
    responses: { 200: jsonResponse(siteWithSecretSchema, "The new secret"), ...errorResponses(400, 401, 403, 404) },
  }),
  rotateWebhook: createRoute({
    method: "post",
    path: "/sites/{site}/rotate-webhook-secret",
    tags: ["Admin"],
    summary: "Replace the webhook signing secret (deliveries are signed with the new one at once)",
    security: adminSecurity,
    request: { params: siteParams },
    responses: {
      200: jsonResponse(z.object({ webhookSecret: z.string().openapi({ description: "Shown only here" }) }).openapi("WebhookSecret"), "The new webhook secret"),
      ...errorResponses(401, 403, 404),
    },
  }),
  reseal: createRoute({
    method: "post",
    path: "/reseal",
    tags: ["Admin"],
    security: adminSecurity,
    summary: "Re-seal every stored secret under the current SECRETS_KEY (after rotating it with SECRETS_KEY_PREVIOUS set)",
    responses: {
      200: jsonResponse(
        z.object({ resealed: z.object({ sites: z.number().int(), providers: z.number().int() }) }).openapi("Resealed"),
        "How many rows were sealed under the previous key and are now under the current one",
      ),
      ...errorResponses(401, 403),
    },
  }),
  grant: createRoute({
    method: "post",
    path: "/sites/{site}/moderators",
    tags: ["Admin"],
    summary: "Make a user of the site a moderator",
    security: adminSecurity,
    request: { params: siteParams, ...jsonBody(z.object({ userId: z.string().min(1).max(64) }).strict()) },
    responses: { 201: jsonResponse(z.object({ moderator: moderatorSchema }), "Granted"), ...errorResponses(400, 401, 403, 404) },
  }),
  moderators: createRoute({
    method: "get",
    path: "/sites/{site}/moderators",
    tags: ["Admin"],
    summary: "The site's granted moderators",
    security: adminSecurity,
    request: { params: siteParams },
    responses: { 200: jsonResponse(z.object({ moderators: z.array(moderatorSchema) }), "Moderators"), ...errorResponses(401, 403, 404) },
  }),
  users: createRoute({
    method: "get",
    path: "/sites/{site}/users",
    tags: ["Admin"],
    summary: "Find the site's users by display-name prefix or id",
    security: adminSecurity,
    request: { params: siteParams, query: userSearchQuerySchema },
    responses: {
      200: jsonResponse(z.object({ users: z.array(adminUserSchema), nextCursor: z.string().nullable() }), "A page of users by name"),
      ...errorResponses(400, 401, 403, 404),
    },
  }),
  revoke: createRoute({
    method: "delete",
    path: "/sites/{site}/moderators/{userId}",
    tags: ["Admin"],
    summary: "End a user's moderator power: the grant, and the role their last SSO token gave",
    security: adminSecurity,
    request: { params: siteParams.extend({ userId: z.string().min(1).max(64) }) },
    responses: { 204: { description: "Revoked" }, ...errorResponses(401, 403, 404) },
  }),
  article: createRoute({
    method: "patch",
    path: "/sites/{site}/articles/{article}",
    tags: ["Admin"],
    summary: "Open or close an article, or set its own pre-moderation mode",
    security: adminSecurity,
    request: { params: siteParams.extend({ article: articleIdSchema }), ...jsonBody(articleStateSchema) },
    responses: { 200: jsonResponse(z.object({ article: adminArticleSchema }), "The article"), ...errorResponses(400, 401, 403, 404) },
  }),
};

export const adminRoutes = createRouter();
adminRoutes.use("*", requireAdmin);

adminRoutes
  .openapi(routes.create, async (c) => {
    const { site, ssoSecret, webhookSecret } = await createSite(c.get("db"), c.env, c.req.valid("json"));
    return c.json({ site: toSiteJson(site), ssoSecret, webhookSecret }, 201);
  })
  .openapi(routes.list, async (c) => c.json({ sites: (await listSites(c.get("db"))).map(toSiteJson) }, 200))
  .openapi(routes.get, async (c) => c.json({ site: toSiteJson(await requireSite(c.get("db"), c.req.valid("param").site)) }, 200))
  .openapi(routes.update, async (c) => {
    const db = c.get("db");
    const site = await requireSite(db, c.req.valid("param").site);
    const { webhookSecret } = await changeSite(db, c.env, site, c.req.valid("json"));
    return c.json({ site: toSiteJson(await requireSite(db, site.id)), ...(webhookSecret ? { webhookSecret } : {}) }, 200);
  })
  .openapi(routes.rotate, async (c) => {
    const db = c.get("db");
    const site = await requireSite(db, c.req.valid("param").site);
    const ssoSecret = await rotateSsoSecret(db, c.env, site.id, c.req.valid("json")?.ssoSecret);
    return c.json({ site: toSiteJson(await requireSite(db, site.id)), ssoSecret }, 200);
  })
  .openapi(routes.rotateWebhook, async (c) => {
    const db = c.get("db");
    const site = await requireSite(db, c.req.valid("param").site);
    return c.json({ webhookSecret: await rotateWebhookSecret(db, c.env, site.id) }, 200);
  })
  .openapi(routes.reseal, async (c) => c.json({ resealed: await resealSecrets(c.get("db"), c.env) }, 200))
  .openapi(routes.grant, async (c) => {
    const db = c.get("db");
    const site = await requireSite(db, c.req.valid("param").site);
    const moderator = await grantModerator(db, site.id, c.req.valid("json").userId);
    return c.json({ moderator }, 201);
  })
  .openapi(routes.moderators, async (c) => {
    const db = c.get("db");
    const site = await requireSite(db, c.req.valid("param").site);
    return c.json({ moderators: await listModerators(db, site.id) }, 200);
  })
  .openapi(routes.users, async (c) => {
    const db = c.get("db");
    const site = await requireSite(db, c.req.valid("param").site);
    const { q, cursor, limit } = c.req.valid("query");
    const page = await searchUsers(db, site.id, { q, limit, after: cursor ? decodeNameCursor(cursor, q) : undefined });
    return c.json({ users: page.users, nextCursor: page.next ? encodeNameCursor(page.next, q) : null }, 200);
  })
  .openapi(routes.revoke, async (c) => {
    const db = c.get("db");
    const { site: siteId, userId } = c.req.valid("param");
    await requireSite(db, siteId);
    await revokeModerator(db, siteId, userId);
    return c.body(null, 204);
  })
  .openapi(routes.article, async (c) => {
    const { site: siteId, article } = c.req.valid("param");
    const db = c.get("db");
    await requireSite(db, siteId);
    const row = await setArticleState(db, siteId, article, c.req.valid("json"));
    return c.json({ article: { ...toArticleJson(row), premoderation: row.premoderation } }, 200);
  });
