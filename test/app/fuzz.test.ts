import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ADMIN, api, type ApiResponse, comment, createSite, login } from "../helpers";
import { endsSession, fillPath, listOperations, type Operation } from "./openapiOperations";
import { bodyArb, garbageSegment, HUGE_NUMBERS, NOT_UTF8, OTHER_TYPES, queryValue, type FuzzBody } from "./requestArbitraries";

// Walks every operation of the OpenAPI document with bodies and headers no client should send.
// Whatever comes in, the answer is never a 5xx, and every 4xx is the error envelope (or, where
// the document says so, the login popup's HTML page). The social login routes are included:
// with no provider configured on the seeded site they make no outbound fetch.

type Identity = "admin" | "moderator" | "reader" | "anonymous" | "bogus";
const IDENTITIES: Identity[] = ["admin", "moderator", "reader", "anonymous", "bogus"];

const text = (s: string) => new TextEncoder().encode(s);

/** A site with a moderator, a reader and a comment, so real ids get past the 404s. */
async function seed() {
  const site = await createSite();
  const spare = await createSite(); // throwaway readers for routes that end a session
  const moderator = await login(site);
  const grant = await api(`/api/v1/admin/sites/${site.id}/moderators`, { method: "POST", headers: ADMIN, json: { userId: moderator.userId } });
  expect(grant.status).toBe(201);
  const reader = await login(site);
  const posted = await comment(site, reader, "a1", "A comment for the fuzzer to aim at");
  const real: Record<string, string[]> = {
    site: [site.id],
    article: ["a1"],
    id: [posted.id],
    userId: [reader.userId, moderator.userId],
    provider: ["kakao", "google"],
    commentId: [posted.id],
    articles: ["a1"],
    queue: ["pending", "reported"],
  };
  async function headersOf(who: Identity, op: Operation): Promise<Record<string, string>> {
    if (who === "admin") return ADMIN;
    if (who === "anonymous") return {};
    if (who === "bogus") return { Authorization: "Bearer not-a-session" };
    if (endsSession(op)) return (await login(spare)).auth;
    return (who === "moderator" ? moderator : reader).auth;
  }
  return { real, headersOf };
}

async function send(op: Operation, url: string, auth: Record<string, string>, body: FuzzBody, extra: Record<string, string> = {}) {
  const headers = new Headers({ ...auth, ...extra });
  if (body.contentType !== null) headers.set("Content-Type", body.contentType);
  const canHaveBody = op.method !== "GET" && op.method !== "HEAD";
  return api(url, { method: op.method, headers, body: canHaveBody && body.bytes !== null ? body.bytes : undefined });
}

function describeRequest(op: Operation, url: string, body: FuzzBody) {
  const preview = body.bytes === null ? "no body" : new TextDecoder().decode(body.bytes.slice(0, 80));
  return `${op.method} ${url} [${body.contentType ?? "no Content-Type"}] ${preview}`;
}

/** No 5xx; a 4xx is the JSON envelope with a string code, or the HTML page the route documents. */
function expectHandled(op: Operation, res: ApiResponse, label: string) {
  expect(res.status, label).toBeLessThan(500);
  if (res.status < 400) return;
  const type = res.headers.get("Content-Type") ?? "";
  if (op.htmlErrors && type.startsWith("text/html")) return;
  expect(type, label).toMatch(/^application\/json/);
  expect(res.body?.error?.code, label).toEqual(expect.any(String));
  expect(res.body.error.message, label).toEqual(expect.any(String));
}

const json = (s: string): FuzzBody => ({ contentType: "application/json", bytes: text(s) });

/** The bad bodies every route with a body sees at least once (the property below varies them). */
function fixedBodies(fields: string[]): FuzzBody[] {
  const every = (value: string) => `{${fields.map((f) => `${JSON.stringify(f)}:${value}`).join(",")}}`;
  return [
    { contentType: "text/plain", bytes: text("{}") },
    { contentType: "application/x-www-form-urlencoded", bytes: text("a=b") },
    { contentType: null, bytes: text("{}") },
    json(""),
    json("[]"),
    ...NOT_UTF8.map((bytes) => ({ contentType: "application/json", bytes })),
    json(every(HUGE_NUMBERS[0]!)),
    json(every(HUGE_NUMBERS[2]!)),
    json(every(JSON.stringify("x".repeat(Math.floor(60_000 / Math.max(fields.length, 1)))))),
  ];
}

/** A client's first mistake: the body sent as something other than JSON. */
const notJson = (body: FuzzBody) => body.contentType === null || OTHER_TYPES.includes(body.contentType);

describe("fuzzing every route of the OpenAPI document", () => {
  it("answers every route's bad bodies and Content-Types with a 4xx, and 415 where a JSON body is declared", async () => {
    const { real, headersOf } = await seed();
    const operations = await listOperations();
    expect(operations.length).toBeGreaterThan(30);
    for (const op of operations) {
      const url = fillPath(op, Object.fromEntries(op.pathParams.map((p) => [p, real[p]?.[0] ?? "x"])));
      const who: Identity = op.path.startsWith("/api/v1/admin/") ? "admin" : "moderator";
      if (op.method === "GET") {
        const headers = await headersOf(who, op);
        // A stray Content-Type on a route without a body changes nothing.
        const [baseline, stray] = await Promise.all(
          [
            { contentType: null, bytes: null },
            { contentType: "text/plain", bytes: null },
          ].map((b) => send(op, url, headers, b)),
        );
        expectHandled(op, stray!, `${op.method} ${url} [text/plain]`);
        expect(stray!.status, `${op.method} ${url} [text/plain]`).toBe(baseline!.status);
        continue;
      }
      const bodies = op.bodyFields ? fixedBodies(op.bodyFields) : [{ contentType: "text/plain", bytes: text("{}") }, json("[]")];
      // Concurrently, per route: the answers must not depend on order, and the file stays fast.
      const answers = await Promise.all(bodies.map(async (body) => [body, await send(op, url, await headersOf(who, op), body)] as const));
      for (const [body, res] of answers) {
        const label = describeRequest(op, url, body);
        expectHandled(op, res, label);
        if (op.bodyFields && notJson(body)) expect([res.status, res.body.error?.code], label).toEqual([415, "unsupported_media_type"]);
      }
    }
  }, 120_000);

  it("never answers a random request to a random route with a 5xx", async () => {
    const { real, headersOf } = await seed();
    const operations = await listOperations();
    const pick = (values: string[] | undefined) => (values?.length ? fc.oneof(fc.constantFrom(...values), garbageSegment) : garbageSegment);
    const request = fc.constantFrom(...operations).chain((op) =>
      fc.record({
        op: fc.constant(op),
        who: fc.constantFrom(...IDENTITIES),
        params: fc.record(Object.fromEntries(op.pathParams.map((p) => [p, pick(real[p])]))),
        query: fc.record(Object.fromEntries(op.queryParams.map((q) => [q, real[q] ? fc.oneof(fc.constantFrom(...real[q]), queryValue) : queryValue])), {
          requiredKeys: [],
        }),
        headers: fc.record(Object.fromEntries(op.headerParams.map((h) => [h, fc.string({ unit: "grapheme-ascii", maxLength: 300 })])), { requiredKeys: [] }),
        body: bodyArb(op.bodyFields ?? ["body"]),
      }),
    );
    // Four requests at a time, like a busy page: answers must not depend on what runs beside them.
    // Each is a real request against D1; 50 batches finish in seconds and vary on every run.
    const batch = fc.array(request, { minLength: 4, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(batch, async (requests) => {
        await Promise.all(
          requests.map(async ({ op, who, params, query, headers, body }) => {
            const search = new URLSearchParams(query as Record<string, string>).toString();
            const url = fillPath(op, params as Record<string, string>) + (search ? `?${search}` : "");
            const res = await send(op, url, await headersOf(who, op), body, headers as Record<string, string>);
            expectHandled(op, res, describeRequest(op, url, body));
          }),
        );
      }),
      { numRuns: 50, endOnFailure: true },
    );
  }, 120_000);
});
