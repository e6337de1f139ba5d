import { describe, expect, it } from "vitest";
import { ADMIN, api, type ApiResponse, comment, createSite, login } from "../helpers";

const bytes = (s: string) => new TextEncoder().encode(s);
const commentsPath = (site: string) => `/api/v1/sites/${site}/articles/a1/comments`;

function expectError(res: ApiResponse, status: number, code: string) {
  expect(res.headers.get("Content-Type")).toMatch(/^application\/json/);
  expect([res.status, res.body.error.code]).toEqual([status, code]);
  expect(res.body.error.message).toEqual(expect.any(String));
}

async function siteWithReader() {
  const site = await createSite();
  return { site, reader: await login(site) };
}

describe("a JSON route sent something else", () => {
  it("answers a comment sent as text/plain with 415 unsupported_media_type", async () => {
    const { site, reader } = await siteWithReader();
    const res = await api(commentsPath(site.id), { method: "POST", headers: { ...reader.auth, "Content-Type": "text/plain" }, body: '{"body":"hi"}' });
    expectError(res, 415, "unsupported_media_type");
  });

  it("answers a comment sent without a Content-Type with 415 unsupported_media_type", async () => {
    const { site, reader } = await siteWithReader();
    // Bytes, not a string: for a string body `Request` would add text/plain by itself.
    const res = await api(commentsPath(site.id), { method: "POST", headers: reader.auth, body: bytes('{"body":"hi"}') });
    expectError(res, 415, "unsupported_media_type");
  });

  it.each(["application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "text/plain;charset=UTF-8"])(
    "answers %s on an admin route with 415 unsupported_media_type",
    async (type) => {
      const site = await createSite();
      const res = await api(`/api/v1/admin/sites/${site.id}`, { method: "PATCH", headers: { ...ADMIN, "Content-Type": type }, body: bytes("name=x") });
      expectError(res, 415, "unsupported_media_type");
    },
  );

  it("accepts application/json with a charset, and application/*+json", async () => {
    const { site, reader } = await siteWithReader();
    for (const type of ["application/json; charset=utf-8", "application/vnd.marginalia+json"]) {
      const res = await api(commentsPath(site.id), {
        method: "POST",
        headers: { ...reader.auth, "Content-Type": type },
        body: JSON.stringify({ body: `Sent as ${type}` }),
      });
      expect(res.status).toBe(201);
    }
  });

  it("ignores a stray Content-Type on routes that take no body", async () => {
    const { site, reader } = await siteWithReader();
    const posted = await comment(site, reader, "a1", "Soon deleted");
    const stray = { "Content-Type": "text/plain" };
    expect((await api(commentsPath(site.id), { headers: stray })).status).toBe(200);
    expect((await api(`/api/v1/comments/${posted.id}`, { method: "DELETE", headers: { ...reader.auth, ...stray } })).status).toBe(204);
    expect((await api("/api/v1/auth/logout", { method: "POST", headers: { ...reader.auth, ...stray }, body: "bye" })).status).toBe(204);
  });
});

describe("a JSON body that is not what the route takes", () => {
  it("answers an empty body with 400 invalid_json", async () => {
    const { site, reader } = await siteWithReader();
    const res = await api(commentsPath(site.id), { method: "POST", headers: { ...reader.auth, "Content-Type": "application/json" }, body: "" });
    expectError(res, 400, "invalid_json");
  });

  it("answers bytes that are not UTF-8 with 400 invalid_json, instead of storing U+FFFD", async () => {
    const { site, reader } = await siteWithReader();
    const latin1 = new Uint8Array([...bytes('{"body":"caf'), 0xe9, ...bytes('"}')]);
    for (const body of [new Uint8Array([0xff, 0xfe, 0x7b]), latin1]) {
      const res = await api(commentsPath(site.id), { method: "POST", headers: { ...reader.auth, "Content-Type": "application/json" }, body });
      expectError(res, 400, "invalid_json");
    }
  });

  it.each(["1e400", "-1e400", "9007199254740993000000"])("answers the number %s with 400 invalid_request naming the field", async (n) => {
    const site = await createSite();
    const body = `{"settings":{"newUserCommentCount":${n}}}`;
    const res = await api(`/api/v1/admin/sites/${site.id}`, { method: "PATCH", headers: { ...ADMIN, "Content-Type": "application/json" }, body });
    expectError(res, 400, "invalid_request");
    const details = res.body.error.details as { location: string; path: string }[];
    expect(details.length).toBeGreaterThan(0);
    for (const d of details) expect([d.location, d.path]).toEqual(["json", "settings.newUserCommentCount"]);
  });

  it.each(["[]", '"text"', "null", "1e400"])("answers the body %s (not an object) with 400 invalid_request", async (body) => {
    const { site, reader } = await siteWithReader();
    const res = await api(commentsPath(site.id), { method: "POST", headers: { ...reader.auth, "Content-Type": "application/json" }, body });
    expectError(res, 400, "invalid_request");
  });
});

describe("the OpenAPI document", () => {
  it("lists 415 on every operation that takes a JSON body, and on no other", async () => {
    const doc = (await api<{ paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>> }>("/api/v1/openapi.json"))
      .body;
    const operations = Object.values(doc.paths).flatMap((ops) => Object.values(ops));
    expect(operations.filter((op) => op.requestBody).length).toBeGreaterThan(10);
    for (const op of operations) expect("415" in op.responses).toBe(op.requestBody !== undefined);
  });
});
