import { createRoute, z } from "@hono/zod-openapi";
import { ApiError } from "../lib/errors";
import { bearerSecurity, createRouter, errorResponses, jsonBody, jsonResponse } from "../lib/openapi";
import { burstLimit } from "../limits/burst";
import { requireSession } from "../middleware/auth";
import { deleteSessionsOf, findUser, listIdentities, renameUser, unlinkIdentity } from "../auth/accounts.queries";
import { meSchema, toMe } from "../auth/auth.schemas";
import { identitySchema } from "../auth/auth.schemas";
import { accountExportSchema, renameSchema } from "./account.schemas";
import { deleteAccount } from "./deleteAccount";
import { exportAccount } from "./exportAccount";
import { iso } from "../lib/iso";

const common = { tags: ["Account"], security: bearerSecurity };

const routes = {
  identities: createRoute({
    ...common,
    method: "get",
    path: "/me/identities",
    summary: "The logins linked to my account",
    middleware: [requireSession] as const,
    responses: { 200: jsonResponse(z.object({ identities: z.array(identitySchema) }), "Linked identities"), ...errorResponses(401) },
  }),
  unlink: createRoute({
    ...common,
    method: "delete",
    path: "/me/identities/{provider}",
    summary: "Unlink a login (not the last one)",
    middleware: [burstLimit, requireSession] as const,
    request: { params: z.object({ provider: z.string().min(1).max(100) }) },
    responses: { 204: { description: "Unlinked" }, ...errorResponses(401, 404, 409) },
  }),
  rename: createRoute({
    ...common,
    method: "patch",
    path: "/me",
    summary: "Change my display name",
    middleware: [burstLimit, requireSession] as const,
    request: { ...jsonBody(renameSchema) },
    responses: { 200: jsonResponse(z.object({ user: meSchema }), "The renamed user"), ...errorResponses(400, 401) },
  }),
  logoutEverywhere: createRoute({
    ...common,
    method: "post",
    path: "/auth/logout-everywhere",
    summary: "Revoke all my sessions, this one included",
    middleware: [requireSession] as const,
    responses: { 204: { description: "Every session revoked" }, ...errorResponses(401) },
  }),
  export: createRoute({
    ...common,
    method: "get",
    path: "/me/export",
    summary: "Download my data (profile, identities, comments, reactions, reports)",
    middleware: [requireSession] as const,
    responses: { 200: jsonResponse(accountExportSchema, "Everything kept about me"), ...errorResponses(401) },
  }),
  remove: createRoute({
    ...common,
    method: "delete",
    path: "/me",
    middleware: [burstLimit, requireSession] as const,
    summary: "Delete my account: comments erased (placeholders where replies exist), reactions, reports, identities and sessions removed",
    responses: { 204: { description: "Deleted" }, ...errorResponses(401) },
  }),
};

/** The reader's own account: linked logins, name, sessions, data export and deletion. */
export const accountRoutes = createRouter()
  .openapi(routes.identities, async (c) => {
    const rows = await listIdentities(c.get("db"), c.get("session")!.user.id);
    return c.json({ identities: rows.map((i) => ({ provider: i.provider, createdAt: iso(i.createdAt) })) }, 200);
  })
  .openapi(routes.unlink, async (c) => {
    const db = c.get("db");
    const userId = c.get("session")!.user.id;
    const { provider } = c.req.valid("param");
    if (await unlinkIdentity(db, userId, provider)) return c.body(null, 204);
    const linked = (await listIdentities(db, userId)).some((i) => i.provider === provider);
    if (linked) throw new ApiError("conflict", "This is the last login of your account; link another one first, or delete the account");
    throw new ApiError("not_found", `Your account has no '${provider}' login`);
  })
  .openapi(routes.rename, async (c) => {
    const session = c.get("session")!;
    const user = await renameUser(c.get("db"), session.user.id, c.req.valid("json").name);
    if (!user) throw new ApiError("invalid_session", "The account no longer exists");
    return c.json({ user: toMe(user, session.moderates) }, 200);
  })
  .openapi(routes.logoutEverywhere, async (c) => {
    await deleteSessionsOf(c.get("db"), c.get("session")!.user.id);
    return c.body(null, 204);
  })
  .openapi(routes.export, async (c) => {
    const session = c.get("session")!;
    const user = await findUser(c.get("db"), session.user.id);
    if (!user) throw new ApiError("invalid_session", "The account no longer exists");
    c.header("Content-Disposition", `attachment; filename="marginalia-${session.siteId}-${user.id}.json"`);
    c.header("Cache-Control", "no-store");
    return c.json(await exportAccount(c.get("db"), user, session.moderates), 200);
  })
  .openapi(routes.remove, async (c) => {
    await deleteAccount(c.get("db"), c.get("session")!);
    return c.body(null, 204);
  });
