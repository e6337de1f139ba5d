import { createRoute, z } from "@hono/zod-openapi";
import { html } from "hono/html";
import { ApiError } from "../../lib/errors";
import { bearerSecurity, createRouter, errorResponses, jsonBody, jsonResponse } from "../../lib/openapi";
import { burstLimit } from "../../limits/burst";
import { requireSession } from "../../middleware/auth";
import { sessionSite } from "../../middleware/site";
import { findEmailSettings, setEmailOptIn, type EmailSettingsRow } from "./emailSettings.queries";
import { isUnsubscribeToken } from "./unsubscribeToken";

const settingsSchema = z
  .object({
    email: z.boolean().openapi({ description: "Notifications are e-mailed to you (one at once, then at most an hourly digest)" }),
    siteEnabled: z.boolean().openapi({ description: "The site offers notification e-mails (setting emailNotifications)" }),
    emailVerified: z.boolean().openapi({ description: "The site vouched for your address at your last login (SSO email_verified)" }),
  })
  .openapi("NotificationSettings");

const unsubscribeQuery = z.object({ user: z.string().min(1).max(64), token: z.string().min(1).max(100) });
const page = { description: "A small HTML page", content: { "text/html": { schema: z.string() } } };

const routes = {
  get: createRoute({
    tags: ["Notifications"],
    security: bearerSecurity,
    method: "get",
    path: "/me/notification-settings",
    summary: "Whether my notifications are e-mailed, and whether they can be",
    middleware: [requireSession] as const,
    responses: { 200: jsonResponse(settingsSchema, "My settings"), ...errorResponses(401) },
  }),
  put: createRoute({
    tags: ["Notifications"],
    security: bearerSecurity,
    method: "put",
    path: "/me/notification-settings",
    summary: "Opt in to (or out of) notification e-mails",
    description:
      "Opting in needs the site's `emailNotifications` on (else 403 `email_not_enabled`) and an address the site vouched for: SSO claims `email` with `email_verified: true` at your last login (else 409 `email_not_verified`). Only notifications from then on are e-mailed.",
    middleware: [burstLimit, requireSession] as const,
    request: { ...jsonBody(z.object({ email: z.boolean() }).strict().openapi("NotificationSettingsChange")) },
    responses: { 200: jsonResponse(settingsSchema, "My settings now"), ...errorResponses(400, 401, 403, 409) },
  }),
  unsubscribePage: createRoute({
    tags: ["Notifications"],
    method: "get",
    path: "/notifications/unsubscribe",
    summary: "The unsubscribe link of a notification e-mail: a page with one button (a GET changes nothing: mail scanners follow links)",
    request: { query: unsubscribeQuery },
    responses: { 200: page, ...errorResponses(400) },
  }),
  unsubscribe: createRoute({
    tags: ["Notifications"],
    method: "post",
    path: "/notifications/unsubscribe",
    summary: "One-click unsubscribe (RFC 8058 List-Unsubscribe-Post): turns the reader's notification e-mails off",
    request: { query: unsubscribeQuery },
    responses: { 200: page, ...errorResponses(400) },
  }),
};

const toJson = (row: EmailSettingsRow | undefined, siteEnabled: boolean) => ({
  email: row?.emailOptIn === true && row.emailSealed !== null && siteEnabled,
  siteEnabled,
  emailVerified: row?.emailSealed != null,
});

const pageHeaders = { "Content-Security-Policy": "default-src 'none'; form-action 'self'", "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" };

const shell = (body: unknown) =>
  html`<!doctype html><html lang="ko"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>알림 메일 / Notification e-mails</title></head><body>${body}</body></html>`;

/** The reader's notification e-mail settings, and the unsubscribe link every e-mail carries. */
export const emailRoutes = createRouter()
  .openapi(routes.get, async (c) => {
    const site = await sessionSite(c);
    return c.json(toJson(await findEmailSettings(c.get("db"), c.get("session")!.user.id), site.settings.emailNotifications), 200);
  })
  .openapi(routes.put, async (c) => {
    const session = c.get("session")!;
    const site = await sessionSite(c);
    const { email } = c.req.valid("json");
    const db = c.get("db");
    if (email && !site.settings.emailNotifications) throw new ApiError("email_not_enabled", "This site does not send notification e-mails");
    if (!(await setEmailOptIn(db, session.user.id, email)) && email) {
      throw new ApiError("email_not_verified", "The site has not vouched for your e-mail address (SSO email_verified); log in again through the site");
    }
    return c.json(toJson(await findEmailSettings(db, session.user.id), site.settings.emailNotifications), 200);
  })
  .openapi(routes.unsubscribePage, async (c) => {
    const { user, token } = c.req.valid("query");
    if (!(await isUnsubscribeToken(c.env, user, token))) throw new ApiError("invalid_link", "This unsubscribe link is not valid");
    const action = `?${new URLSearchParams({ user, token })}`;
    return c.html(
      shell(
        html`<form method="post" action="${action}"><p>이 사이트의 알림 메일을 그만 받습니다. / Stop notification e-mails from this site.</p><button type="submit">수신 거부 / Unsubscribe</button></form>`,
      ),
      200,
      pageHeaders,
    );
  })
  .openapi(routes.unsubscribe, async (c) => {
    const { user, token } = c.req.valid("query");
    if (!(await isUnsubscribeToken(c.env, user, token))) throw new ApiError("invalid_link", "This unsubscribe link is not valid");
    await setEmailOptIn(c.get("db"), user, false);
    return c.html(
      shell(
        html`<p>알림 메일 수신을 거부했습니다. 위젯의 알림은 그대로 볼 수 있습니다. / You will get no more notification e-mails; notifications stay in the comments.</p>`,
      ),
      200,
      pageHeaders,
    );
  });
