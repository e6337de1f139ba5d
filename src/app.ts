import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { accountRoutes } from "./account/account.routes";
import { adminRoutes } from "./admin/admin.routes";
import { archiveRoutes } from "./archive/archive.routes";
import { dashboardRoutes } from "./dashboard/dashboard.routes";
import { authRoutes } from "./auth/auth.routes";
import { providerAdminRoutes, socialLoginRoutes } from "./auth/social";
import { commentRoutes } from "./comments/comments.routes";
import { historyRoutes } from "./comments/history.routes";
import { docsPage, type OpenApiDocument } from "./docs/docsPage";
import type { AppEnv } from "./env";
import { importRoutes } from "./imports/imports.routes";
import { ApiError } from "./lib/errors";
import { renderError } from "./lib/onError";
import { siteCors } from "./middleware/cors";
import { moderationRoutes } from "./moderation/moderation.routes";
import { highlightRoutes } from "./moderation/highlights.routes";
import { moderatorSiteRoutes } from "./moderation/moderatorSites.routes";
import { settingsRoutes } from "./moderation/settings.routes";
import { adaptationRoutes } from "./moderation/adaptation/adaptation.routes";
import { database } from "./middleware/database";
import { edgeCache } from "./edge/edgeCache";
import { utf8Json } from "./middleware/utf8Json";
import { emailRoutes } from "./notifications/email/email.routes";
import { notificationRoutes } from "./notifications/notifications.routes";
import { collectWebhookEvents } from "./notifications/webhooks";
import { demoRoutes } from "./widget/demo/demo.routes";
import { widgetRoutes } from "./widget/widget.routes";

/** Largest request body accepted: a 3000-character comment is at most ~12 KB of UTF-8. */
const MAX_BODY_BYTES = 64 * 1024;
/** Import uploads stream to R2 with their own limit (src/imports/uploadImport.ts). */
const IMPORT_UPLOAD = /^\/api\/v1\/admin\/sites\/[^/]+\/imports(\/[^/]+\/parts\/\d+)?$/;

export function createApp() {
  const app = new OpenAPIHono<AppEnv>();
  app.use("*", database);
  app.use("/api/*", collectWebhookEvents);
  // CORS before the body limit, so a browser can read the 413 like any other error.
  app.use("/api/v1/*", async (c, next) => (c.req.path.startsWith("/api/v1/admin/") ? next() : siteCors(c, next)));
  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new ApiError("payload_too_large", `The request body is over ${MAX_BODY_BYTES} bytes`);
    },
  });
  app.use("/api/*", (c, next) => (c.req.method !== "GET" && IMPORT_UPLOAD.test(c.req.path) ? next() : limitBody(c, next)));
  app.use("/api/*", utf8Json);
  // Anonymous reads of a viral article come from the edge (CORS is added outside, per origin).
  const cached = edgeCache((request, env, ctx) => app.fetch(request, env, ctx));
  app.use("/api/v1/sites/:site/articles/:article/comments", cached);
  app.use("/api/v1/sites/:site/counts", cached);
  app.use("/api/v1/sites/:site/users/:userId/comments", cached);
  app.use("/embed/frame", cached);

  app.route("/api/v1", authRoutes);
  app.route("/api/v1", socialLoginRoutes);
  app.route("/api/v1", accountRoutes);
  app.route("/api/v1", notificationRoutes);
  app.route("/api/v1", emailRoutes);
  app.route("/api/v1", commentRoutes);
  app.route("/api/v1", historyRoutes);
  app.route("/api/v1", moderationRoutes);
  app.route("/api/v1", highlightRoutes);
  app.route("/api/v1", moderatorSiteRoutes);
  app.route("/api/v1", settingsRoutes);
  app.route("/api/v1", adaptationRoutes);
  app.route("/api/v1/admin", adminRoutes);
  app.route("/api/v1/admin", providerAdminRoutes);
  app.route("/api/v1/admin", archiveRoutes);
  app.route("/api/v1/admin", importRoutes);
  app.route("/", widgetRoutes);
  app.route("/", demoRoutes);
  app.route("/", dashboardRoutes);

  app.openAPIRegistry.registerComponent("securitySchemes", "session", { type: "http", scheme: "bearer", description: "A session from POST /api/v1/auth/sso" });
  app.openAPIRegistry.registerComponent("securitySchemes", "admin", { type: "http", scheme: "bearer", description: "The ADMIN_TOKEN secret" });
  const info = {
    title: "Marginalia API",
    version: "1.0.0",
    description:
      "Comments with moderation for news sites. Every response carries `X-D1-Bookmark`; send the last one back as the `X-D1-Bookmark` request header so reads see your own writes when D1 serves them from a read replica.",
  };
  app.doc31("/api/v1/openapi.json", { openapi: "3.1.0", info });
  app.get("/docs", (c) => c.html(docsPage(app.getOpenAPI31Document({ openapi: "3.1.0", info }) as unknown as OpenApiDocument)));
  app.get("/", (c) => c.redirect("/docs"));

  app.notFound((c) => c.json(new ApiError("not_found", `No route ${c.req.method} ${c.req.path}`).toBody(), 404));
  app.onError(renderError);
  return app;
}
