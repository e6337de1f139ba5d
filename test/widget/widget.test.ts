import { env } from "cloudflare:workers";
import { jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { api, createSite, refusal } from "../helpers";

const configOf = (html: string) => JSON.parse(/<script type="application\/json" id="marginalia-config">(.*?)<\/script>/s.exec(html)![1]!);

describe("widget scripts", () => {
  it("serves embed.js and count.js as JavaScript, cached briefly, revalidated by ETag", async () => {
    for (const path of ["/embed.js", "/count.js"]) {
      const res = await api(path);
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Type")).toBe("text/javascript; charset=utf-8");
      expect(res.headers.get("Cache-Control")).toBe("public, max-age=300, stale-while-revalidate=86400");
      expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
      const etag = res.headers.get("ETag")!;
      expect(etag).toMatch(/^"[0-9a-f]{12}"$/);
      const again = await api(path, { headers: { "If-None-Match": etag } });
      expect(again.status).toBe(304);
      expect(again.body).toBeNull();
    }
  });

  it("serves the frame's script and stylesheet for good under their build's URL, briefly under another", async () => {
    const frame = (await createSite()).id;
    const page = await api<string>(`/embed/frame?site=${frame}&article=a1&origin=${encodeURIComponent(`https://${frame}.example`)}`);
    const js = /src="(\/embed\/v\/[0-9a-f]{12}\/frame\.ko\.js)"/.exec(page.body)![1]!;
    const css = /href="(\/embed\/v\/[0-9a-f]{12}\/frame\.css)"/.exec(page.body)![1]!;
    const script = await api(js);
    expect(script.headers.get("Content-Type")).toBe("text/javascript; charset=utf-8");
    expect(script.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    const style = await api(css);
    expect(style.headers.get("Content-Type")).toBe("text/css; charset=utf-8");
    // Each language has its own script, with only its own words.
    const english = await api<string>(`/embed/frame?site=${frame}&article=a1&lang=en&origin=${encodeURIComponent(`https://${frame}.example`)}`);
    const enJs = /src="(\/embed\/v\/[0-9a-f]{12}\/frame\.en\.js)"/.exec(english.body)![1]!;
    // The words are in the chunk the script imports at once, which the page preloads.
    const firstLoad = async (html: string) => {
      const chunks = [...html.matchAll(/<link rel="modulepreload" href="(\/embed\/v\/[0-9a-f]{12}\/[\w.-]+\.js)">/g)].map((m) => m[1]!);
      expect(chunks.length).toBeGreaterThan(0);
      const bodies = await Promise.all(chunks.map((c) => api(c)));
      for (const chunk of bodies) expect(chunk.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
      return bodies.map((b) => b.text).join("\n");
    };
    const [enFirst, koFirst] = [await firstLoad(english.body), await firstLoad(page.body)];
    expect(enFirst).toContain("Log out");
    expect(enFirst).not.toContain("로그아웃");
    expect(koFirst).toContain("로그아웃");
    expect(koFirst).not.toContain("Log out");
    expect((await api(enJs)).status).toBe(200);
    const stale = await api("/embed/v/000000000000/frame.ko.js");
    expect(stale.status).toBe(200);
    expect(stale.headers.get("Cache-Control")).toBe("public, max-age=60");
    expect(refusal(await api("/embed/v/000000000000/secrets.js"))).toEqual([404, "not_found"]);
  });
});

describe("GET /embed/frame", () => {
  it("answers a site's own origin with the frame, embeddable by that origin only, under a strict CSP", async () => {
    const site = await createSite({ settings: { editWindowSeconds: 120 } });
    const res = await api<string>(`/embed/frame?site=${site.id}&article=${encodeURIComponent("기사/1")}&lang=en&origin=${encodeURIComponent(site.origin)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/html; charset=utf-8/i);
    const csp = res.headers.get("Content-Security-Policy")!;
    expect(csp).toContain(`frame-ancestors ${site.origin}`);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("require-trusted-types-for 'script'");
    expect(csp).not.toContain("unsafe");
    expect(configOf(res.body)).toEqual({
      site: site.id,
      siteName: `Site ${site.id}`,
      article: "기사/1",
      lang: "en",
      origin: site.origin,
      editWindowSeconds: 120,
      history: true,
      email: false,
      theme: "auto",
    });
    expect(res.body).toContain('<html lang="en" data-theme="auto">');
  });

  it("tells the frame whether names open the comment history and whether e-mail notifications are offered", async () => {
    const site = await createSite({ settings: { publicHistory: false, emailNotifications: true } });
    const res = await api<string>(`/embed/frame?site=${site.id}&article=a&origin=${encodeURIComponent(site.origin)}`);
    expect(configOf(res.body)).toMatchObject({ history: false, email: true });
  });

  it("passes the host's theme and accent colour on, and ignores malformed ones", async () => {
    const site = await createSite();
    const frame = (query: string) => api<string>(`/embed/frame?site=${site.id}&article=a&origin=${encodeURIComponent(site.origin)}${query}`);
    const dark = await frame("&theme=dark&accent=%23c0392b");
    expect(configOf(dark.body)).toMatchObject({ theme: "dark", accent: "#c0392b" });
    expect(dark.body).toContain('data-theme="dark"');
    const odd = await frame("&theme=neon&accent=red;background:url(x)");
    expect(odd.status).toBe(200);
    expect(configOf(odd.body)).toMatchObject({ theme: "auto" });
    expect(configOf(odd.body).accent).toBeUndefined();
  });

  it("refuses origins the site does not list, unknown sites and malformed parameters", async () => {
    const site = await createSite();
    // The frame answers refusals in plain text (it is a page, not the JSON API): the text says which check refused.
    const frame = async (q: string) => {
      const res = await api<string>(`/embed/frame?${q}`);
      return [res.status, res.body] as const;
    };
    const foreign = await api<string>(`/embed/frame?site=${site.id}&article=a&origin=${encodeURIComponent("https://evil.example")}`);
    expect([foreign.status, foreign.body]).toEqual([403, "This site does not embed comments on https://evil.example"]);
    expect(foreign.headers.get("Content-Security-Policy")).toContain("default-src 'none'");
    expect(await frame(`site=nope-${site.id}&article=a&origin=${encodeURIComponent(site.origin)}`)).toEqual([404, `No site 'nope-${site.id}'`]);
    expect(await frame(`site=${site.id}&article=a&origin=${encodeURIComponent(`${site.origin}/path`)}`)).toEqual([400, "Bad widget parameters: origin"]);
    expect(await frame(`site=${site.id}&origin=${encodeURIComponent(site.origin)}`)).toEqual([400, "Bad widget parameters: article"]);
  });

  it("keeps a hostile site name inside the configuration's JSON", async () => {
    const site = await createSite({ name: "</script><script>alert(1)</script>" });
    const res = await api<string>(`/embed/frame?site=${site.id}&article=a&origin=${encodeURIComponent(site.origin)}`);
    expect(res.body).not.toContain("<script>alert(1)");
    expect(configOf(res.body).siteName).toBe("</script><script>alert(1)</script>");
  });
});

describe("the demo pages", () => {
  const app = createApp();
  const call = (path: string, secret: string | undefined, init?: RequestInit) =>
    app.request(`https://marginalia.test${path}`, init, { ...env, DEMO_SSO_SECRET: secret });

  it("do not exist without DEMO_SSO_SECRET (production)", async () => {
    for (const [path, method] of [
      ["/demo", "GET"],
      ["/demo/token", "POST"],
    ] as const) {
      const res = await call(path, undefined, { method });
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_found");
    }
  });

  it("serve a Korean article with the widget and sign short-lived demo reader tokens", async () => {
    const page = await call("/demo", "demo-secret");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<div data-marginalia data-site="demo" data-article="2021-05-17-lg-ai" data-lang="ko"></div>');
    expect(html).toContain('<script src="https://marginalia.test/embed.js" async></script>');
    const res = await call("/demo/token", "demo-secret", {
      method: "POST",
      body: JSON.stringify({ reader: "2" }),
      headers: { "Content-Type": "application/json" },
    });
    const { token } = (await res.json()) as { token: string };
    const { payload } = await jwtVerify(token, new TextEncoder().encode("demo-secret"), { algorithms: ["HS256"], audience: "demo" });
    expect(payload.sub).toBe("demo-reader-2");
    expect(payload.exp! - payload.iat!).toBeLessThanOrEqual(600);
  });
});
