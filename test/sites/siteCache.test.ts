import { describe, expect, it } from "vitest";
import { cachedSite, forgetSite, SITE_CACHE_MS } from "../../src/sites/siteCache";
import { ADMIN, api, createSite } from "../helpers";

const calls = (res: { headers: Headers }) => Number(res.headers.get("X-D1-Calls"));

describe("the isolate's copy of a site", () => {
  it("is read once while fresh, again after SITE_CACHE_MS, and at once after forgetSite", async () => {
    let reads = 0;
    const load = async () => ({ id: "cached", read: ++reads });
    const id = `cache-${crypto.randomUUID()}`;
    expect(await cachedSite(id, load, 0)).toEqual({ id: "cached", read: 1 });
    expect(await cachedSite(id, load, SITE_CACHE_MS - 1)).toEqual({ id: "cached", read: 1 });
    expect(await cachedSite(id, load, SITE_CACHE_MS)).toEqual({ id: "cached", read: 2 });
    forgetSite(id);
    expect(await cachedSite(id, load, SITE_CACHE_MS)).toEqual({ id: "cached", read: 3 });
  });

  it("does not remember a failed read", async () => {
    const id = `cache-${crypto.randomUUID()}`;
    await expect(cachedSite(id, () => Promise.reject(new Error("D1 down")), 0)).rejects.toThrow("D1 down");
    expect(await cachedSite(id, async () => "back", 1)).toBe("back");
  });

  it("lets a warm isolate answer counts in one D1 round trip", async () => {
    const site = await createSite();
    await api(`/api/v1/sites/${site.id}/counts?articles=a`);
    const warm = await api(`/api/v1/sites/${site.id}/counts?articles=a`);
    expect(warm.status).toBe(200);
    expect(calls(warm)).toBe(1);
  });

  it("drops the copy when the site changes through this isolate: a new origin is allowed at once", async () => {
    const site = await createSite();
    const origin = "https://moved.example";
    const before = await api(`/api/v1/sites/${site.id}/counts?articles=a`, { headers: { Origin: origin } });
    expect(before.headers.get("Access-Control-Allow-Origin")).toBeNull();
    await api(`/api/v1/admin/sites/${site.id}`, { method: "PATCH", headers: ADMIN, json: { origins: [site.origin, origin] } });
    const after = await api(`/api/v1/sites/${site.id}/counts?articles=a`, { headers: { Origin: origin } });
    expect(after.headers.get("Access-Control-Allow-Origin")).toBe(origin);
  });
});
