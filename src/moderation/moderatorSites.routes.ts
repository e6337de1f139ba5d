import { createRoute, z } from "@hono/zod-openapi";
import { ApiError } from "../lib/errors";
import { createRouter, errorResponses, jsonResponse } from "../lib/openapi";
import { findSite, listSites } from "../sites/sites.queries";
import { canModerate, moderationAuth } from "./actor";
import { moderatedSiteSchema, whoSchema } from "./moderation.schemas";

const route = createRoute({
  method: "get",
  path: "/moderation/sites",
  tags: ["Moderation"],
  summary: "The sites the caller may moderate: every site for the admin token, the session's own site for a moderator",
  security: [{ session: [] }, { admin: [] }],
  middleware: [moderationAuth] as const,
  responses: {
    200: jsonResponse(z.object({ moderator: whoSchema, sites: z.array(moderatedSiteSchema) }), "Who is asking, and the sites they may moderate"),
    ...errorResponses(401, 403),
  },
});

/**
 * Where a moderation tool starts (the dashboard's site picker): a session that moderates no
 * site is refused with 403, so a reader who logs in there learns it at once.
 */
export const moderatorSiteRoutes = createRouter().openapi(route, async (c) => {
  const db = c.get("db");
  if (c.get("actor")?.type === "admin") {
    const sites = await listSites(db);
    return c.json({ moderator: { type: "admin" as const, user: null }, sites: sites.map((s) => ({ id: s.id, name: s.name })) }, 200);
  }
  const session = c.get("session")!;
  const site = canModerate(session, session.siteId) ? await findSite(db, session.siteId) : undefined;
  if (!site) throw new ApiError("forbidden", "You are not a moderator of any site");
  return c.json(
    { moderator: { type: "moderator" as const, user: { id: session.user.id, name: session.user.displayName } }, sites: [{ id: site.id, name: site.name }] },
    200,
  );
});
