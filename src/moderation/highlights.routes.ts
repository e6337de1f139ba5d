import { createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { createRouter, errorResponses, idParam, jsonBody, jsonResponse, moderatorSecurity, siteParam } from "../lib/openapi";
import { loadSite } from "../middleware/site";
import { event } from "../notifications/events";
import { commentToModerate, moderationAuth, moderatorOf } from "./actor";
import { grantBadges, userBadges } from "./badges";
import { setHighlight, type Highlight } from "./highlights";
import { grantBadgesSchema, moderatedCommentSchema, toModeratedComment, userBadgesSchema } from "./moderation.schemas";
import type { Context } from "hono";

const highlightRoute = (kind: Highlight, method: "post" | "delete") =>
  createRoute({
    method,
    path: `/moderation/comments/{id}/${kind}`,
    tags: ["Moderation"],
    summary:
      kind === "pin"
        ? method === "post"
          ? "Pin a comment first on its article (고정됨, at most 3 per article)"
          : "Unpin a comment"
        : method === "post"
          ? "Feature a comment (추천 댓글, listed by sort=featured)"
          : "Stop featuring a comment",
    description: "Moderators of the comment's site (or the admin token) only; audited; idempotent. Readers see the change within the edge cache's 10 s.",
    security: moderatorSecurity,
    middleware: [moderationAuth] as const,
    request: { params: idParam },
    responses: {
      200: jsonResponse(z.object({ comment: moderatedCommentSchema }), "The comment after the change"),
      ...errorResponses(401, 403, 404, 409, 422),
    },
  });

const userParams = siteParam.extend({ userId: z.string().min(1).max(64) });

const badgesRoute = createRoute({
  method: "put",
  path: "/sites/{site}/users/{userId}/badges",
  tags: ["Moderation"],
  summary: "Give a user badges shown next to their name (기자, 전문가, 운영자)",
  description: "Replaces the badges moderators gave before (at most 3, each 1–20 characters; [] removes them); the SSO claim's stay. Audited.",
  security: moderatorSecurity,
  middleware: [loadSite, moderationAuth] as const,
  request: { params: userParams, ...jsonBody(grantBadgesSchema) },
  responses: { 200: jsonResponse(z.object({ user: userBadgesSchema }), "The user's badges"), ...errorResponses(400, 401, 403, 404) },
});

const badgesReadRoute = createRoute({
  method: "get",
  path: "/sites/{site}/users/{userId}/badges",
  tags: ["Moderation"],
  summary: "A user's badges: those shown next to their name and those moderators gave",
  description: "Moderators of the site (or the admin token) only. What the badges editor starts from; 404 for a user of another site.",
  security: moderatorSecurity,
  middleware: [loadSite, moderationAuth] as const,
  request: { params: userParams },
  responses: { 200: jsonResponse(z.object({ user: userBadgesSchema }), "The user's badges"), ...errorResponses(400, 401, 403, 404) },
});

/** Applies a pin or feature change for a moderator of the comment's site, and tells the site's webhook. */
async function highlight(c: Context<AppEnv>, id: string, kind: Highlight, on: boolean) {
  const { comment, actor } = await commentToModerate(c, id);
  const changed = await setHighlight(c.get("db"), actor, comment, kind, on);
  const name = `${on ? "" : "un"}${kind}`;
  c.get("events").push(
    event(changed.siteId, "moderation.action", name, { commentId: changed.id, userId: changed.authorId, actor: { type: actor.type, id: actor.id } }),
  );
  return toModeratedComment(changed);
}

export const highlightRoutes = createRouter()
  .openapi(highlightRoute("pin", "post"), async (c) => c.json({ comment: await highlight(c, c.req.valid("param").id, "pin", true) }, 200))
  .openapi(highlightRoute("pin", "delete"), async (c) => c.json({ comment: await highlight(c, c.req.valid("param").id, "pin", false) }, 200))
  .openapi(highlightRoute("feature", "post"), async (c) => c.json({ comment: await highlight(c, c.req.valid("param").id, "feature", true) }, 200))
  .openapi(highlightRoute("feature", "delete"), async (c) => c.json({ comment: await highlight(c, c.req.valid("param").id, "feature", false) }, 200))
  .openapi(badgesReadRoute, async (c) => {
    const site = c.get("site")!;
    await moderatorOf(c, site.id);
    return c.json({ user: await userBadges(c.get("db"), site.id, c.req.valid("param").userId) }, 200);
  })
  .openapi(badgesRoute, async (c) => {
    const site = c.get("site")!;
    const actor = await moderatorOf(c, site.id);
    const { userId } = c.req.valid("param");
    const user = await grantBadges(c.get("db"), actor, site.id, userId, c.req.valid("json").badges);
    c.get("events").push(event(site.id, "moderation.action", "badges", { userId, actor: { type: actor.type, id: actor.id } }));
    return c.json({ user }, 200);
  });
