/**
 * A news site on another origin than the comment service: serves an article page that embeds
 * the widget with the documented snippet, and plays the site's backend by signing SSO tokens
 * for "its" logged-in reader (named in the page URL, as a session cookie would name them).
 *
 * `?below=1` puts a long article body above the comments (the widget then loads lazily);
 * `?theme=dark|light` and `?accent=#rrggbb` become the embed's data-theme and data-accent;
 * `?role=moderator` puts the role in the page's token (`?token=1`).
 *
 * It answers on two origins: http://localhost:P is another *site* than the service on
 * 127.0.0.1 (Chromium then denies the frame its storage, as browsers that block third-party
 * storage do), http://127.0.0.1:P is the same site on another port (storage allowed).
 */
import { createServer, type Server } from "node:http";
import { SignJWT } from "jose";

export interface HostSite {
  id: string;
  secret: string;
}

export interface HostServer {
  /** Cross-site to the service. */
  origin: string;
  /** Same site as the service (127.0.0.1), another port. */
  sameSiteOrigin: string;
  close(): Promise<void>;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function signToken(site: HostSite, sub: string, name: string, role?: string | null): Promise<string> {
  return new SignJWT({ sub, name, ...(role === "moderator" ? { role } : {}) })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuedAt()
    .setJti(crypto.randomUUID())
    .setExpirationTime("10m")
    .sign(new TextEncoder().encode(site.secret));
}

function articlePage(service: string, q: URLSearchParams, ssoToken?: string): string {
  const site = escapeHtml(q.get("site") ?? "");
  const article = escapeHtml(q.get("article") ?? "");
  const lang = q.get("lang") === "en" ? "en" : "ko";
  const reader = q.get("user") ? `?user=${encodeURIComponent(q.get("user")!)}&name=${encodeURIComponent(q.get("name") ?? q.get("user")!)}&site=${site}` : "";
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>Host article ${article}</title></head>
<body style="margin:0;padding:16px;font-family:sans-serif;background:#fff">
<h1>${lang === "ko" ? "호스트 기사" : "Host article"} ${article}</h1>
<p>Comments: <span id="count" data-marginalia-count="{n}" data-site="${site}" data-article="${article}">…</span>
 · other: <span id="count-other" data-marginalia-count="{n}" data-site="${site}" data-article="${article}-other">…</span></p>
${q.get("below") ? `<div id="article-body" style="height:4000px">${lang === "ko" ? "긴 기사 본문" : "A long article"}</div>` : ""}
<div id="comments" data-marginalia data-site="${site}" data-article="${article}" data-login-callback="hostLogin"${ssoToken ? ` data-sso-token="${escapeHtml(ssoToken)}"` : ""}${q.get("theme") ? ` data-theme="${escapeHtml(q.get("theme")!)}"` : ""}${q.get("accent") ? ` data-accent="${escapeHtml(q.get("accent")!)}"` : ""}></div>
${q.get("second") ? `<div id="comments-second" data-marginalia data-loading="eager" data-site="${site}" data-article="${article}-second" data-login-callback="hostLogin"${ssoToken ? ` data-sso-token="${escapeHtml(ssoToken)}"` : ""}></div>` : ""}
<script>
  window.hostEvents = [];
  // The news site's own login: its backend signs a token for the reader it knows.
  window.hostLogin = async () => {
    window.hostEvents.push("login-request");
    const res = await fetch("/sso-token${reader}");
    if (res.ok) Marginalia.login(await res.text());
  };
  document.getElementById("comments").addEventListener("marginalia:rendered", (e) => {
    window.renderedMs = e.detail.ms;
  });
  window.Marginalia = { onLogout: () => window.hostEvents.push("logout") };
</script>
<script src="${service}/embed.js" async></script>
<script src="${service}/count.js" async></script>
</body></html>`;
}

/** Starts the host site on a free loopback port. */
export async function startHostServer(service: string, sites: HostSite[]): Promise<HostServer> {
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const q = url.searchParams;
    const site = sites.find((s) => s.id === q.get("site"));
    const user = q.get("user");
    if (url.pathname === "/article") {
      // ?token=1: the page carries the reader's token itself, rendered by the site's server.
      const token = site && user && q.get("token") ? await signToken(site, user, q.get("name") ?? user, q.get("role")) : undefined;
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(articlePage(service, q, token));
      return;
    }
    if (url.pathname === "/sso-token" && site && user) {
      res.writeHead(200, { "Content-Type": "text/plain" }).end(await signToken(site, user, q.get("name") ?? "독자"));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("host server did not start");
  return {
    origin: `http://localhost:${address.port}`,
    sameSiteOrigin: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
