import { describe, expect, it } from "vitest";
import { api, refusal } from "../helpers";

const assetPath = (html: string, file: string) => new RegExp(`(?:src|href)="(/moderate/v/[0-9a-f]{12}/${file.replace(".", "\\.")})"`).exec(html)?.[1];

describe("GET /moderate", () => {
  it("answers the dashboard page under a strict CSP: own scripts only, Trusted Types, never framed", async () => {
    const res = await api("/moderate");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/html; charset=utf-8/i);
    const csp = res.headers.get("Content-Security-Policy")!;
    for (const directive of [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "connect-src 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "require-trusted-types-for 'script'",
      "trusted-types 'none'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toMatch(/unsafe|\*/);
    expect(res.headers.get("X-Frame-Options")).toBe("DENY");
    expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
  });

  it("isolates its browsing context but lets the social login popup keep its opener", async () => {
    // Plain same-origin would sever the popup from the dashboard once it reaches the provider.
    expect((await api("/moderate")).headers.get("Cross-Origin-Opener-Policy")).toBe("same-origin-allow-popups");
  });

  it("is never cached, and loads only external, versioned script and stylesheet (no inline script)", async () => {
    const res = await api<string>("/moderate");
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const scripts = [...res.body.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(1);
    expect(scripts[0]![1]).toMatch(/src="\/moderate\/v\/[0-9a-f]{12}\/dashboard\.js"/);
    expect(scripts[0]![2]).toBe("");
    expect(res.body).not.toMatch(/\son\w+=/i);
    expect(assetPath(res.body, "dashboard.css")).toBeDefined();
  });

  it("paints in Korean unless ?lang=en, and ignores other values", async () => {
    expect((await api("/moderate")).body).toContain('<html lang="ko">');
    expect((await api("/moderate?lang=en")).body).toContain('<html lang="en">');
    expect((await api("/moderate?lang=%22%3E%3Cscript%3E")).body).toContain('<html lang="ko">');
  });
});

describe("dashboard assets", () => {
  it("serves the page's script and stylesheet for good under their build's URL, revalidated by ETag", async () => {
    const page = (await api<string>("/moderate")).body;
    for (const [file, type] of [
      ["dashboard.js", "text/javascript; charset=utf-8"],
      ["dashboard.css", "text/css; charset=utf-8"],
    ] as const) {
      const res = await api(assetPath(page, file)!);
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Type")).toBe(type);
      expect(res.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
      expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
      const again = await api(assetPath(page, file)!, { headers: { "If-None-Match": res.headers.get("ETag")! } });
      expect(again.status).toBe(304);
    }
  });

  it("answers an old build's URL with this build, cached briefly; anything else is 404", async () => {
    const stale = await api("/moderate/v/000000000000/dashboard.js");
    expect(stale.status).toBe(200);
    expect(stale.headers.get("Cache-Control")).toBe("public, max-age=60");
    expect(refusal(await api("/moderate/v/000000000000/frame.js"))).toEqual([404, "not_found"]);
    expect(refusal(await api("/moderate/v/000000000000/../../.dev.vars"))).toEqual([404, "not_found"]);
  });
});
