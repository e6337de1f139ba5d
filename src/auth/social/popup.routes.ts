import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../../env";
import { randomToken } from "../../lib/crypto";
import { ApiError } from "../../lib/errors";
import { createRouter } from "../../lib/openapi";
import { burstLimit } from "../../limits/burst";
import { toMe } from "../auth.schemas";
import { bindBrowser, takeBrowserBinding } from "./browserBinding";
import { finishLogin } from "./finishLogin";
import { popupPage, type LoginMessage } from "./popupPage";
import { providerIdSchema } from "./providerConfig.schemas";
import { LOGIN_TTL_MS, startLogin } from "./startLogin";
import { iso } from "../../lib/iso";

const html = (description: string) => ({ description, content: { "text/html": { schema: z.string() } } });
const providerParam = z.object({ provider: z.string().min(1).max(64).openapi({ example: "kakao" }) });

const startRoute = createRoute({
  method: "get",
  path: "/auth/{provider}/start",
  tags: ["Social login"],
  middleware: [burstLimit] as const,
  summary: "Open in a popup from the widget or the dashboard: redirects to the provider (authorization code + PKCE, state, nonce)",
  request: {
    params: providerParam,
    query: z.object({
      site: z.string().min(1).max(64),
      origin: z.string().min(1).max(255).openapi({ description: "The opener's origin: one of the site's, or this service's own (the moderator dashboard)" }),
      link: z.string().min(1).max(100).optional().openapi({ description: "A ticket from POST /auth/{provider}/link: attach to that account" }),
    }),
  },
  responses: { 302: { description: "To the provider's login" }, 400: html("An error page that also posts the error to the widget") },
});

const callbackRoute = createRoute({
  method: "get",
  path: "/auth/{provider}/callback",
  tags: ["Social login"],
  summary: "Where the provider returns: verifies everything, logs in, and posts the session to the widget iframe",
  request: { params: providerParam },
  responses: {
    200: html("Posts `{ type: 'marginalia:login', ok: true, session, user, ... }` to the opener and closes"),
    400: html("An error page that also posts `{ ok: false, error }`"),
  },
});

function page(c: Context<AppEnv>, message: LoginMessage, status: ContentfulStatusCode): Response {
  const nonce = randomToken(16);
  return c.html(popupPage(message, new URL(c.req.url).origin, nonce), status, {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  });
}

/**
 * The popup's way of rendering an `ApiError`: the same codes and statuses as the JSON API, as an
 * HTML page that also posts `{ ok: false, error: { code, message } }` to the widget. Anything else
 * thrown is logged and shown as `internal_error`.
 */
function renderFailure(error: Error, c: Context<AppEnv>): Response {
  let failure: ApiError;
  if (error instanceof ApiError) failure = error;
  else {
    console.error("social login failed", c.req.path, error);
    failure = new ApiError("internal_error", "Something went wrong on our side; please try again");
  }
  const provider = c.req.param("provider") ?? null;
  return page(c, { type: "marginalia:login", ok: false, provider, error: { code: failure.code, message: failure.message } }, failure.status);
}

/** The two pages the login popup visits: start (redirect to the provider) and callback. */
export const popupRoutes = createRouter();
popupRoutes.onError(renderFailure);

popupRoutes
  .openapi(startRoute, async (c) => {
    const { provider } = c.req.valid("param");
    const { site, origin, link } = c.req.valid("query");
    const parsedProvider = providerIdSchema.safeParse(provider);
    if (!parsedProvider.success) throw new ApiError("provider_not_found", `There is no login provider '${provider}'`);
    const browser = bindBrowser(c, LOGIN_TTL_MS / 1000);
    const url = await startLogin(c.get("db"), c.env, {
      siteId: site,
      providerId: parsedProvider.data,
      origin,
      linkTicket: link,
      serviceOrigin: new URL(c.req.url).origin,
      browser,
    });
    c.header("Cache-Control", "no-store");
    c.header("Referrer-Policy", "no-referrer");
    return c.redirect(url.href, 302);
  })
  .openapi(callbackRoute, async (c) => {
    const { provider } = c.req.valid("param");
    if (!providerIdSchema.safeParse(provider).success) throw new ApiError("provider_not_found", `There is no login provider '${provider}'`);
    const browser = takeBrowserBinding(c);
    const result = await finishLogin(c.get("db"), c.env, {
      providerId: provider,
      callback: new URL(c.req.url),
      browser,
      serviceOrigin: new URL(c.req.url).origin,
    });
    const message: LoginMessage =
      result.kind === "link"
        ? { type: "marginalia:login", ok: true, kind: "link", provider, linkProof: result.proof, expiresAt: iso(result.expiresAt), origin: result.origin }
        : {
            type: "marginalia:login",
            ok: true,
            kind: "login",
            provider,
            session: result.session.token,
            expiresAt: iso(result.session.expiresAt),
            user: toMe(result.user, result.moderates),
            created: result.created,
            origin: result.origin,
          };
    return page(c, message, 200);
  });
