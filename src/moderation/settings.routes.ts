import { createRoute, z } from "@hono/zod-openapi";
import { ApiError } from "../lib/errors";
import { createRouter, describeIssues, errorResponses, jsonBody, jsonResponse, moderatorSecurity, siteParam } from "../lib/openapi";
import { loadSite } from "../middleware/site";
import { moderationAuth, moderatorOf } from "./actor";
import { siteSettingsPatchSchema, siteSettingsSchema } from "../sites/settings";
import { findSite, updateSite } from "../sites/sites.queries";
import { assertWebhookUrlChange, secretForNewWebhook } from "../sites/webhookSettings";

const getRoute = createRoute({
  method: "get",
  path: "/sites/{site}/settings",
  tags: ["Moderation"],
  summary: "The site's moderation settings",
  security: moderatorSecurity,
  middleware: [loadSite, moderationAuth] as const,
  request: { params: siteParam },
  responses: { 200: jsonResponse(z.object({ settings: siteSettingsSchema }), "Settings"), ...errorResponses(401, 403, 404) },
});

const patchRoute = createRoute({
  method: "patch",
  path: "/sites/{site}/settings",
  tags: ["Moderation"],
  summary: "Change some settings (others keep their values)",
  security: moderatorSecurity,
  middleware: [loadSite, moderationAuth] as const,
  request: { params: siteParam, ...jsonBody(siteSettingsPatchSchema) },
  responses: {
    200: jsonResponse(
      z.object({
        settings: siteSettingsSchema,
        webhookSecret: z
          .string()
          .optional()
          .openapi({ description: "Only when this change gave the site its first webhook URL: the signing secret, shown once" }),
      }),
      "Settings after the change",
    ),
    ...errorResponses(400, 401, 403, 404),
  },
});

/** Settings for the site's moderators (and the admin token): word lists, thresholds, modes, limits. */
export const settingsRoutes = createRouter()
  .openapi(getRoute, async (c) => {
    const site = c.get("site")!;
    await moderatorOf(c, site.id);
    return c.json({ settings: site.settings }, 200);
  })
  .openapi(patchRoute, async (c) => {
    const site = c.get("site")!;
    const actor = await moderatorOf(c, site.id);
    const input = c.req.valid("json");
    assertWebhookUrlChange(c.env, actor.type === "admin", input.webhookUrl, "webhookUrl");
    // The merged result must hold together too (e.g. auto-hide at or above the report threshold).
    const merged = siteSettingsSchema.safeParse({ ...site.settings, ...input });
    if (!merged.success) throw new ApiError("invalid_request", "The settings are not valid", describeIssues(merged.error, "json"));
    if (merged.data.autoHideThreshold < merged.data.reportThreshold) {
      throw new ApiError("invalid_request", "The settings are not valid", [
        { location: "json", path: "autoHideThreshold", message: "must be at least reportThreshold" },
      ]);
    }
    const webhook = await secretForNewWebhook(c.env, site, input.webhookUrl);
    await updateSite(c.get("db"), site.id, { settings: merged.data, ...(webhook ? { webhookSecretSealed: webhook.sealed } : {}) });
    const settings = (await findSite(c.get("db"), site.id))!.settings;
    return c.json({ settings, ...(webhook ? { webhookSecret: webhook.secret } : {}) }, 200);
  });
