import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { SignJWT } from "jose";
import { z } from "zod";
import type { AppEnv } from "../../env";
import { ApiError } from "../../lib/errors";
import { DEMO_READERS, DEMO_SITE, demoPage } from "./demoPage";

/** The demo needs the demo site's SSO secret, which only local development has (.dev.vars). */
type DemoEnv = AppEnv & { Bindings: AppEnv["Bindings"] & { DEMO_SSO_SECRET?: string } };

const TOKEN_LIFETIME_S = 600;
const tokenRequest = z.object({ reader: z.enum(["1", "2", "mod"]).default("1") }).strict();

/**
 * `/demo`: a Korean news article with the widget under it, and `/demo/token`, which plays the
 * news site's backend by signing a short-lived SSO token for a demo reader. Both exist only
 * when DEMO_SSO_SECRET is set: never in production, where it is not a binding.
 */
/** 404 unless the demo secret is bound, exactly like a route that does not exist. */
const onlyWithDemoSecret = createMiddleware<DemoEnv>(async (c, next) => {
  if (!c.env.DEMO_SSO_SECRET) throw new ApiError("not_found", `No route ${c.req.method} ${c.req.path}`);
  await next();
});

export const demoRoutes = new Hono<DemoEnv>()
  .use("/demo", onlyWithDemoSecret)
  .use("/demo/*", onlyWithDemoSecret)
  .get("/demo", (c) => c.html(demoPage(new URL(c.req.url).origin, c.req.query("lang") === "en" ? "en" : "ko"), 200, { "Cache-Control": "no-store" }))
  .post("/demo/token", async (c) => {
    const parsed = tokenRequest.safeParse(await c.req.json().catch(() => ({})));
    if (!parsed.success) throw new ApiError("invalid_request", 'reader must be "1", "2" or "mod"');
    const reader = DEMO_READERS[parsed.data.reader];
    // "mod" is the demo site's moderator: its token carries the role, as a CMS's would.
    const token = await new SignJWT({ sub: reader.sub, name: reader.name, aud: DEMO_SITE, ...(reader.role ? { role: reader.role } : {}) })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuedAt()
      // Each token logs in once: a fresh id per token, as a CMS should give.
      .setJti(crypto.randomUUID())
      .setExpirationTime(`${TOKEN_LIFETIME_S}s`)
      .sign(new TextEncoder().encode(c.env.DEMO_SSO_SECRET));
    return c.json({ token, name: reader.name }, 200, { "Cache-Control": "no-store" });
  });
