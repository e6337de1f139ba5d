import { createRoute, z } from "@hono/zod-openapi";
import { randomToken, sha256Hex } from "../../lib/crypto";
import { ApiError } from "../../lib/errors";
import { bearerSecurity, createRouter, errorResponses, jsonBody, jsonResponse, siteParam } from "../../lib/openapi";
import { burstLimit } from "../../limits/burst";
import { requireSession } from "../../middleware/auth";
import { loadSite } from "../../middleware/site";
import { listIdentities } from "../accounts.queries";
import { confirmLink } from "./linkIdentity";
import { insertLinkTicket } from "./pendingLogins.queries";
import { presetFor } from "./presets";
import { findLoginProvider, listLoginProviders } from "./providerConfig.queries";
import { identitySchema } from "../auth.schemas";
import { providerIdSchema, publicProviderSchema } from "./providerConfig.schemas";
import { iso } from "../../lib/iso";

/** A link ticket is used by the popup right away; it lives a few minutes at most. */
const LINK_TICKET_TTL_MS = 5 * 60_000;

const listRoute = createRoute({
  method: "get",
  path: "/sites/{site}/login-providers",
  tags: ["Social login"],
  summary: "The accounts a reader can choose to log in with on this site",
  middleware: [loadSite] as const,
  request: { params: siteParam },
  responses: { 200: jsonResponse(z.object({ providers: z.array(publicProviderSchema) }), "Enabled providers"), ...errorResponses(404) },
});

const linkRoute = createRoute({
  method: "post",
  path: "/auth/{provider}/link",
  tags: ["Social login"],
  security: bearerSecurity,
  summary: "Prepare linking a provider to the current account: open the returned URL in the login popup",
  middleware: [burstLimit, requireSession] as const,
  request: {
    params: z.object({ provider: providerIdSchema }),
    ...jsonBody(z.object({ origin: z.string().min(1).max(255) }).strict()),
  },
  responses: {
    200: jsonResponse(z.object({ url: z.string(), expiresAt: z.string() }), "The start URL with a one-time link ticket"),
    ...errorResponses(400, 401, 403, 404),
  },
});

const confirmRoute = createRoute({
  method: "post",
  path: "/auth/link/confirm",
  tags: ["Social login"],
  security: bearerSecurity,
  summary: "Attach the identity a link popup verified (its `linkProof`) to the current account",
  middleware: [burstLimit, requireSession] as const,
  request: { ...jsonBody(z.object({ proof: z.string().min(1).max(100) }).strict()) },
  responses: {
    200: jsonResponse(z.object({ identities: z.array(identitySchema) }), "The account's identities, the new one included"),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const socialRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const rows = await listLoginProviders(c.get("db"), c.get("site")!.id);
    const providers = rows.filter((r) => r.enabled).map((r) => ({ id: r.id, kind: presetFor(r.id).kind, label: r.label ?? presetFor(r.id).label }));
    c.header("Cache-Control", "public, max-age=60");
    return c.json({ providers }, 200);
  })
  .openapi(linkRoute, async (c) => {
    const { provider } = c.req.valid("param");
    const session = c.get("session")!;
    const row = await findLoginProvider(c.get("db"), session.siteId, provider);
    if (!row) throw new ApiError("not_found", `This site has no login provider '${provider}'`);
    if (!row.enabled) throw new ApiError("forbidden", `This site does not offer logging in with ${row.label ?? presetFor(provider).label}`);
    const ticket = randomToken(32);
    const now = Date.now();
    const expiresAt = now + LINK_TICKET_TTL_MS;
    await insertLinkTicket(c.get("db"), {
      ticketHash: await sha256Hex(ticket),
      siteId: session.siteId,
      provider,
      userId: session.user.id,
      createdAt: now,
      expiresAt,
    });
    const url = new URL(`/api/v1/auth/${provider}/start`, c.req.url);
    url.search = new URLSearchParams({ site: session.siteId, origin: c.req.valid("json").origin, link: ticket }).toString();
    return c.json({ url: url.href, expiresAt: iso(expiresAt) }, 200);
  })
  .openapi(confirmRoute, async (c) => {
    const session = c.get("session")!;
    await confirmLink(c.get("db"), session, c.req.valid("json").proof);
    const identities = await listIdentities(c.get("db"), session.user.id);
    return c.json({ identities: identities.map((i) => ({ provider: i.provider, createdAt: iso(i.createdAt) })) }, 200);
  });
