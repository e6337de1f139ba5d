import { env } from "cloudflare:workers";
import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { api, createSite, refusal } from "../helpers";

const SECRET = "demo-secret-for-the-moderator-test";
const app = createApp();
const demo = (path: string, init?: RequestInit) => app.request(`https://marginalia.test${path}`, init, { ...env, DEMO_SSO_SECRET: SECRET });
const demoToken = async (reader: string) => {
  const res = await demo("/demo/token", { method: "POST", body: JSON.stringify({ reader }), headers: { "Content-Type": "application/json" } });
  return { status: res.status, body: (await res.json()) as { token: string; name: string } };
};

describe("the demo moderator", () => {
  it("gets a token with the moderator role, which opens the dashboard's API for the demo site", async () => {
    await createSite({ id: "demo", name: "마지널리아 데모 뉴스", ssoSecret: SECRET });
    const { status, body } = await demoToken("mod");
    expect(status).toBe(200);
    expect(decodeJwt(body.token)).toMatchObject({ sub: "demo-moderator", role: "moderator", aud: "demo" });

    const login = await api("/api/v1/auth/sso", { method: "POST", json: { site: "demo", token: body.token } });
    expect(login.status).toBe(200);
    const sites = await api("/api/v1/moderation/sites", { headers: { Authorization: `Bearer ${login.body.session}` } });
    expect(sites.body).toEqual({
      moderator: { type: "moderator", user: { id: login.body.user.id, name: "데모 운영자" } },
      sites: [{ id: "demo", name: "마지널리아 데모 뉴스" }],
    });
  });

  it("is the only demo user with a role: readers' tokens carry none", async () => {
    for (const reader of ["1", "2"]) expect(decodeJwt((await demoToken(reader)).body.token).role).toBeUndefined();
    expect(refusal(await demoToken("admin"))).toEqual([400, "invalid_request"]);
  });

  it("is one click away on /demo: a button that hands the token to /moderate in the URL fragment", async () => {
    const html = await (await demo("/demo")).text();
    expect(html).toContain('<button type="button" id="open-dashboard">운영 도구 열기</button>');
    expect(html).toContain('"/moderate?site=demo#site=demo&sso=" + encodeURIComponent(token)');
  });
});
