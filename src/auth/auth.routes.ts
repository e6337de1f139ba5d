import { createRoute, z } from "@hono/zod-openapi";
import { bearerSecurity, createRouter, errorResponses, jsonBody, jsonResponse } from "../lib/openapi";
import { burstLimit } from "../limits/burst";
import { requireSession } from "../middleware/auth";
import { requireSite } from "../sites/requireSite";
import { meSchema, sessionResponseSchema, ssoLoginSchema, toMe } from "./auth.schemas";
import { deleteSession } from "./sessions.queries";
import { ssoLogin } from "./ssoLogin";
import { iso } from "../lib/iso";

const ssoRoute = createRoute({
  method: "post",
  path: "/auth/sso",
  tags: ["Auth"],
  summary: "Log in with a token signed by the site (SSO)",
  middleware: [burstLimit] as const,
  request: { ...jsonBody(ssoLoginSchema) },
  responses: { 200: jsonResponse(sessionResponseSchema, "A new session"), ...errorResponses(400, 401, 404, 503) },
});

const logoutRoute = createRoute({
  method: "post",
  path: "/auth/logout",
  tags: ["Auth"],
  summary: "Revoke the current session",
  security: bearerSecurity,
  middleware: [requireSession] as const,
  responses: { 204: { description: "Revoked" }, ...errorResponses(401) },
});

const meRoute = createRoute({
  method: "get",
  path: "/me",
  tags: ["Auth"],
  summary: "The current user",
  security: bearerSecurity,
  middleware: [requireSession] as const,
  responses: { 200: jsonResponse(z.object({ user: meSchema }), "The user of the session"), ...errorResponses(401) },
});

export const authRoutes = createRouter()
  .openapi(ssoRoute, async (c) => {
    const { site: siteId, token } = c.req.valid("json");
    const db = c.get("db");
    const site = await requireSite(db, siteId);
    const { user, session, moderates } = await ssoLogin(db, c.env, site, token);
    return c.json({ session: session.token, user: toMe(user, moderates), expiresAt: iso(session.expiresAt) }, 200);
  })
  .openapi(logoutRoute, async (c) => {
    await deleteSession(c.get("db"), c.get("session")!.tokenHash);
    return c.body(null, 204);
  })
  .openapi(meRoute, (c) => {
    const session = c.get("session")!;
    return c.json({ user: toMe(session.user, session.moderates) }, 200);
  });
