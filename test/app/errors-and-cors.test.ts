import { describe, expect, it } from "vitest";
import { ADMIN, api, type ApiResponse, createSite, login } from "../helpers";

const DEV_ORIGIN = "http://dev.localhost:9999";
const FOREIGN_ORIGIN = "https://evil.example";

/** Asserts `{ error: { code, message, details? } }` and nothing else: no stack, no internals. */
function expectEnvelope(res: ApiResponse, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("Content-Type")).toMatch(/^application\/json/);
  expect(Object.keys(res.body)).toEqual(["error"]);
  const keys = Object.keys(res.body.error);
  expect(keys.slice(0, 2)).toEqual(["code", "message"]);
  expect(keys.every((k) => ["code", "message", "details"].includes(k))).toBe(true);
  expect(res.body.error.code).toBe(code);
  expect(res.body.error.message).toEqual(expect.any(String));
  const text = JSON.stringify(res.body);
  expect(text).not.toMatch(/\bat .+:\d+:\d+/); // stack frames
  expect(text).not.toMatch(/stack|\.ts\b|node_modules|SQLITE|D1_/i);
}

function preflight(path: string, origin: string, method = "POST") {
  return api(path, {
    method: "OPTIONS",
    headers: { Origin: origin, "Access-Control-Request-Method": method, "Access-Control-Request-Headers": "authorization, content-type, idempotency-key" },
  });
}

const commentsPath = (site: string) => `/api/v1/sites/${site}/articles/a1/comments`;

describe("error envelope", () => {
  it("answers an unknown route with 404 not_found", async () => {
    const res = await api("/api/v1/no-such-thing");
    expectEnvelope(res, 404, "not_found");
  });

  it("answers an unknown route outside the API with the same envelope", async () => {
    expectEnvelope(await api("/nope", { method: "DELETE" }), 404, "not_found");
  });

  it("answers a malformed JSON body with 400 invalid_json", async () => {
    const res = await api("/api/v1/auth/sso", { method: "POST", headers: { "Content-Type": "application/json" }, body: '{"site": "x", "token": ' });
    expectEnvelope(res, 400, "invalid_json");
  });

  it("answers malformed JSON on an authenticated route with 400 invalid_json", async () => {
    const site = await createSite();
    const reader = await login(site);
    const res = await api(commentsPath(site.id), { method: "POST", headers: { ...reader.auth, "Content-Type": "application/json" }, body: "{not json}" });
    expectEnvelope(res, 400, "invalid_json");
  });

  it("answers a body over 64 KB with 413 payload_too_large", async () => {
    const res = await api("/api/v1/auth/sso", { method: "POST", json: { site: "x", token: "a".repeat(65 * 1024) } });
    expectEnvelope(res, 413, "payload_too_large");
  });

  // workerd logs "Network connection lost" for this one: the Worker answers before reading the
  // whole stream, which is the point, and the aborted upload pipe is reported, not thrown.
  it("answers a streamed body over 64 KB (no Content-Length) with 413 payload_too_large", async () => {
    const chunk = new TextEncoder().encode("a".repeat(16 * 1024));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 5; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    const res = await api("/api/v1/auth/sso", { method: "POST", headers: { "Content-Type": "application/json" }, body, duplex: "half" } as RequestInit);
    expectEnvelope(res, 413, "payload_too_large");
  });

  it("lists each invalid field in details", async () => {
    const res = await api("/api/v1/auth/sso", { method: "POST", json: { site: "", token: 1 } });
    expectEnvelope(res, 400, "invalid_request");
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ location: "json", path: "site" }), expect.objectContaining({ location: "json", path: "token" })]),
    );
  });

  it.each([
    ["401 unauthenticated", () => api("/api/v1/me"), 401, "unauthenticated"],
    ["401 invalid_session", () => api("/api/v1/me", { headers: { Authorization: "Bearer nope" } }), 401, "invalid_session"],
    [
      "401 invalid_token",
      async () => api("/api/v1/auth/sso", { method: "POST", json: { site: (await createSite()).id, token: "x.y.z" } }),
      401,
      "invalid_token",
    ],
    ["403 forbidden", () => api("/api/v1/admin/sites", { headers: { Authorization: "Bearer wrong" } }), 403, "forbidden"],
    ["404 site_not_found", () => api("/api/v1/sites/no-such-site/articles/a1/comments"), 404, "site_not_found"],
    [
      "409 site_exists",
      async () => api("/api/v1/admin/sites", { method: "POST", headers: ADMIN, json: { id: (await createSite()).id, name: "n", origins: [] } }),
      409,
      "site_exists",
    ],
  ] as const)("renders %s in the envelope", async (_, call, status, code) => {
    expectEnvelope(await call(), status, code);
  });

  it("answers a malformed percent-encoded site id without a server error", async () => {
    const site = await createSite();
    const res = await api("/api/v1/sites/%E0%A4%A/articles/a1/comments", { headers: { Origin: site.origin } });
    expect(res.status).toBeLessThan(500);
    expect(res.body.error.code).toEqual(expect.any(String));
    const pre = await preflight("/api/v1/sites/%E0%A4%A/articles/a1/comments", site.origin);
    expect(pre.status).toBeLessThan(500);
    expect(pre.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });
});

describe("CORS", () => {
  it("allows a preflight from the site's own origin with methods and headers", async () => {
    const site = await createSite();
    const res = await preflight(commentsPath(site.id), site.origin);
    expect(res.status).toBe(204);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe(site.origin);
    expect(res.headers.get("Access-Control-Allow-Credentials")).toBeNull();
    const methods = res.headers.get("Access-Control-Allow-Methods")!.split(/,\s*/);
    expect(methods).toEqual(expect.arrayContaining(["GET", "POST", "PATCH", "PUT", "DELETE"]));
    const headers = res.headers.get("Access-Control-Allow-Headers")!.toLowerCase().split(/,\s*/);
    expect(headers).toEqual(expect.arrayContaining(["authorization", "content-type", "idempotency-key"]));
    expect(res.headers.get("Vary")).toMatch(/Origin/);
  });

  it("gives no Access-Control-Allow-Origin to a foreign origin", async () => {
    const site = await createSite();
    const res = await preflight(commentsPath(site.id), FOREIGN_ORIGIN);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBeNull();
    expect(res.headers.get("Access-Control-Allow-Headers")).toBeNull();
  });

  it("does not treat a look-alike of the site's origin as the site", async () => {
    const site = await createSite();
    for (const origin of [`${site.origin}.evil.example`, site.origin.replace("https:", "http:"), `${site.origin}:8443`, "null"]) {
      const res = await preflight(commentsPath(site.id), origin);
      expect(res.headers.get("Access-Control-Allow-Origin")).toBeNull();
    }
  });

  it("does not allow site A's origin on site B's paths", async () => {
    const a = await createSite();
    const b = await createSite();
    const res = await preflight(commentsPath(b.id), a.origin);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBeNull();
    const get = await api(`/api/v1/sites/${b.id}/counts?articles=a1`, { headers: { Origin: a.origin } });
    expect(get.status).toBe(200);
    expect(get.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });

  it("allows any registered site origin on routes that name no site", async () => {
    const site = await createSite();
    const res = await preflight("/api/v1/comments/some-comment-id", site.origin, "PATCH");
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe(site.origin);
    const sso = await preflight("/api/v1/auth/sso", site.origin);
    expect(sso.headers.get("Access-Control-Allow-Origin")).toBe(site.origin);
  });

  it("refuses an unregistered origin on routes that name no site", async () => {
    await createSite();
    const res = await preflight("/api/v1/comments/some-comment-id", FOREIGN_ORIGIN, "DELETE");
    expect(res.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });

  it("allows DEV_ORIGINS on site paths and elsewhere", async () => {
    const site = await createSite();
    expect((await preflight(commentsPath(site.id), DEV_ORIGIN)).headers.get("Access-Control-Allow-Origin")).toBe(DEV_ORIGIN);
    expect((await preflight("/api/v1/comments/x", DEV_ORIGIN)).headers.get("Access-Control-Allow-Origin")).toBe(DEV_ORIGIN);
  });

  it("follows a site's origins when they change", async () => {
    const site = await createSite();
    await api(`/api/v1/admin/sites/${site.id}`, { method: "PATCH", headers: ADMIN, json: { origins: ["https://moved.example"] } });
    expect((await preflight(commentsPath(site.id), "https://moved.example")).headers.get("Access-Control-Allow-Origin")).toBe("https://moved.example");
    expect((await preflight(commentsPath(site.id), site.origin)).headers.get("Access-Control-Allow-Origin")).toBeNull();
  });

  it("sets the allowed origin and exposed headers on actual responses", async () => {
    const site = await createSite();
    const res = await api(commentsPath(site.id), { headers: { Origin: site.origin } });
    expect(res.status).toBe(200);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe(site.origin);
    expect(res.headers.get("Access-Control-Expose-Headers")).toMatch(/Retry-After/);
    expect(res.headers.get("Vary")).toMatch(/Origin/);
  });

  it("sets the allowed origin on error responses so the page can read them", async () => {
    const site = await createSite();
    const res = await api(commentsPath(site.id), { method: "POST", headers: { Origin: site.origin }, json: { body: "hi" } });
    expectEnvelope(res, 401, "unauthenticated");
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe(site.origin);
  });

  it("sets the allowed origin on a 413 so the widget can tell the reader the comment is too long", async () => {
    const site = await createSite();
    const reader = await login(site);
    const res = await api(commentsPath(site.id), { method: "POST", headers: { ...reader.auth, Origin: site.origin }, json: { body: "가".repeat(30_000) } });
    expectEnvelope(res, 413, "payload_too_large");
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe(site.origin);
  });

  it("never sends CORS headers on admin routes", async () => {
    const site = await createSite();
    for (const origin of [site.origin, DEV_ORIGIN, FOREIGN_ORIGIN]) {
      const pre = await preflight("/api/v1/admin/sites", origin);
      expect(pre.headers.get("Access-Control-Allow-Origin")).toBeNull();
      expect(pre.headers.get("Access-Control-Allow-Methods")).toBeNull();
      const get = await api("/api/v1/admin/sites", { headers: { ...ADMIN, Origin: origin } });
      expect(get.status).toBe(200);
      expect(get.headers.get("Access-Control-Allow-Origin")).toBeNull();
    }
  });
});

describe("API documentation", () => {
  it("serves an OpenAPI 3.1 document listing the paths", async () => {
    const res = await api("/api/v1/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\.1\./);
    expect(res.body.info.title).toEqual(expect.any(String));
    const paths = Object.keys(res.body.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        "/api/v1/auth/sso",
        "/api/v1/auth/logout",
        "/api/v1/me",
        "/api/v1/sites/{site}/articles/{article}/comments",
        "/api/v1/sites/{site}/counts",
        "/api/v1/comments/{id}",
        "/api/v1/admin/sites",
        "/api/v1/admin/sites/{site}",
        "/api/v1/admin/sites/{site}/rotate-secret",
        "/api/v1/admin/sites/{site}/articles/{article}",
      ]),
    );
    expect(res.body.paths["/api/v1/auth/sso"].post).toBeDefined();
    expect(Object.keys(res.body.components.securitySchemes)).toEqual(expect.arrayContaining(["session", "admin"]));
  });

  it("serves an HTML reference mentioning the paths", async () => {
    const res = await api("/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/html/);
    expect(res.body).toEqual(expect.any(String));
    expect(res.body).toContain("/api/v1/auth/sso");
    expect(res.body).toContain("/api/v1/sites/{site}/articles/{article}/comments");
    expect(res.body).toContain("/api/v1/openapi.json");
    expect(res.body).not.toMatch(/<script/i);
  });

  it("redirects / to the docs", async () => {
    const res = await api("/", { redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/docs");
  });
});
