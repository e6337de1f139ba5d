import { createRoute, z } from "@hono/zod-openapi";
import { createRouter, errorResponses, jsonResponse, moderatorSecurity, siteParam } from "../../lib/openapi";
import { loadSite } from "../../middleware/site";
import { event } from "../../notifications/events";
import { moderationAuth, moderatorOf } from "../actor";
import { adaptationSchema } from "./adaptation.schemas";
import { adaptationStatus } from "./adaptationStatus";
import { resetAdaptation } from "./resetAdaptation";

const statusRoute = createRoute({
  method: "get",
  path: "/sites/{site}/moderation/adaptation",
  tags: ["Moderation"],
  summary: "What the site learnt from its moderators' decisions: labels, threshold in use, estimated precision and recall",
  security: moderatorSecurity,
  middleware: [loadSite, moderationAuth] as const,
  request: { params: siteParam },
  responses: { 200: jsonResponse(z.object({ adaptation: adaptationSchema }), "The site's adaptation"), ...errorResponses(401, 403, 404) },
});

const resetRoute = createRoute({
  method: "delete",
  path: "/sites/{site}/moderation/adaptation",
  tags: ["Moderation"],
  summary: "Forget what the site learnt (labels, weights, calibrated threshold); audited",
  security: moderatorSecurity,
  middleware: [loadSite, moderationAuth] as const,
  request: { params: siteParam },
  responses: { 200: jsonResponse(z.object({ adaptation: adaptationSchema }), "The site's adaptation after the reset"), ...errorResponses(401, 403, 404) },
});

/** The site's adaptation for its moderators (and the admin token): status and reset. */
export const adaptationRoutes = createRouter()
  .openapi(statusRoute, async (c) => {
    const site = c.get("site")!;
    await moderatorOf(c, site.id);
    return c.json({ adaptation: await adaptationStatus(c.get("db"), site.id, site.settings) }, 200);
  })
  .openapi(resetRoute, async (c) => {
    const site = c.get("site")!;
    const actor = await moderatorOf(c, site.id);
    await resetAdaptation(c.get("db"), actor, site.id);
    c.get("events").push(event(site.id, "moderation.action", "adaptation_reset", { actor: { type: actor.type, id: actor.id } }));
    return c.json({ adaptation: await adaptationStatus(c.get("db"), site.id, site.settings) }, 200);
  });
