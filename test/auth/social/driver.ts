import { env, exports } from "cloudflare:workers";
import { inject } from "vitest";
import { ADMIN, api } from "../../helpers";

/** Drives the login popup programmatically: the Worker's pages, the provider's redirects, the cookies. */

export const BASE = "https://marginalia.test";
export const providers = inject("socialLogin");

type Json = Record<string, unknown>;

/** Configures a social login on a site through the admin API. */
export async function configureProvider(siteId: string, provider: string, body: Json) {
  const res = await api(`/api/v1/admin/sites/${siteId}/login-providers/${provider}`, { method: "PUT", headers: ADMIN, json: body });
  if (res.status !== 200) throw new Error(`configureProvider failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.provider;
}

/** The generic OpenID provider `corp` (or another id) at the test issuer. */
export const oidcConfig = (clientId = "marginalia", extra: Json = {}) => ({
  clientId,
  clientSecret: providers.clientSecret,
  issuer: providers.issuer,
  ...extra,
});

/** Naver, pointed at the local stand-in. */
export const naverConfig = (extra: Json = {}) => ({
  clientId: providers.naverClientId,
  clientSecret: providers.clientSecret,
  endpoints: { authorization: `${providers.naver}/oauth2.0/authorize`, token: `${providers.naver}/oauth2.0/token`, profile: `${providers.naver}/v1/nid/me` },
  ...extra,
});

/** A Worker response to a top-level navigation (no redirect following). */
async function visit(url: string, cookie?: string) {
  return exports.default.fetch(new Request(url, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} }));
}

function cookiesOf(res: Response): string[] {
  return res.headers.getAll("Set-Cookie").map((c: string) => c.split(";")[0]!);
}

export interface Started {
  status: number;
  location: string | null;
  /** The browser-binding cookie, as the popup would send it back. */
  cookie: string;
  res: Response;
}

export async function start(provider: string, query: Record<string, string>): Promise<Started> {
  const res = await visit(`${BASE}/api/v1/auth/${provider}/start?${new URLSearchParams(query)}`);
  return { status: res.status, location: res.headers.get("Location"), cookie: cookiesOf(res).join("; "), res };
}

/**
 * Follows the provider's redirects (login, consent) with its own cookie jar until it sends the
 * browser back to this service; returns that callback URL.
 */
export async function atProvider(authorizeUrl: string, extra: Record<string, string> = {}): Promise<string> {
  const url = new URL(authorizeUrl);
  for (const [k, v] of Object.entries(extra)) url.searchParams.set(k, v);
  const jar = new Map<string, string>();
  let next = url.href;
  for (let hop = 0; hop < 10; hop++) {
    if (next.startsWith(BASE)) return next;
    const res = await fetch(next, { redirect: "manual", headers: { Cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") } });
    for (const pair of cookiesOf(res)) {
      const at = pair.indexOf("=");
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const location = res.headers.get("Location");
    if (!location) throw new Error(`provider stopped at ${next}: ${res.status} ${await res.text()}`);
    await res.body?.cancel();
    next = new URL(location, next).href;
  }
  throw new Error("too many redirects at the provider");
}

export interface Finished {
  status: number;
  html: string;
  // biome-ignore lint/suspicious/noExplicitAny: the popup's posted message, read field by field by many tests
  message: any;
  headers: Headers;
}

/** Loads the callback page and reads the message it posts to its opener. */
export async function callback(url: string, cookie?: string): Promise<Finished> {
  const res = await visit(url, cookie);
  const html = await res.text();
  const json = /<script type="application\/json" id="marginalia-login">([\s\S]*?)<\/script>/.exec(html)?.[1];
  return { status: res.status, html, message: json ? JSON.parse(json) : null, headers: res.headers };
}

/** The whole popup: start, provider login (with `hint` parameters), callback. */
export async function socialLogin(
  provider: string,
  query: Record<string, string>,
  hint: Record<string, string> = {},
): Promise<Finished & { callbackUrl: string; cookie: string }> {
  const started = await start(provider, query);
  if (started.status !== 302 || !started.location) throw new Error(`start failed: ${started.status} ${await started.res.text()}`);
  const callbackUrl = await atProvider(started.location, hint);
  return { ...(await callback(callbackUrl, started.cookie)), callbackUrl, cookie: started.cookie };
}

/** Counts rows, for "nothing half-created" checks. */
export async function countRows(table: "users" | "identities" | "sessions" | "pending_logins", where = "1", ...binds: unknown[]) {
  const row = await env.DB.prepare(`select count(*) as n from ${table} where ${where}`)
    .bind(...binds)
    .first<{ n: number }>();
  return row!.n;
}
