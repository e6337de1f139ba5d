import { exports } from "cloudflare:workers";
import { SignJWT } from "jose";

export const ADMIN = { Authorization: "Bearer test-admin-token" };
const BASE = "https://marginalia.test";

type Json = Record<string, unknown>;

/** Calls the Worker through its real fetch handler. */
export async function api(path: string, init: RequestInit & { json?: unknown } = {}) {
  const { json, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (json !== undefined) headers.set("Content-Type", "application/json");
  const res = await exports.default.fetch(new Request(BASE + path, { ...rest, headers, body: json === undefined ? rest.body : JSON.stringify(json) }));
  const text = await res.text();
  let body: any = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON (docs page)
  }
  return { status: res.status, headers: res.headers, body, rowsRead: Number(res.headers.get("X-D1-Rows-Read")) };
}

export const RELAXED_LIMITS = { minIntervalSeconds: 0, dailyLimit: 10_000, perArticleDailyLimit: 10_000 };

let siteCounter = 0;
/** Creates a site through the admin API; returns its id, SSO secret and webhook secret. */
export async function createSite(overrides: Json = {}) {
  const id = (overrides.id as string) ?? `site-${++siteCounter}-${crypto.randomUUID().slice(0, 8)}`;
  const res = await api("/api/v1/admin/sites", {
    method: "POST",
    headers: ADMIN,
    // Posting limits are relaxed unless a test sets them: most tests post several comments quickly.
    json: { id, name: `Site ${id}`, origins: [`https://${id}.example`], ...overrides, settings: { ...RELAXED_LIMITS, ...(overrides.settings as Json | undefined) } },
  });
  if (res.status !== 201) throw new Error(`createSite failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id, secret: res.body.ssoSecret as string, webhookSecret: res.body.webhookSecret as string, origin: `https://${id}.example` };
}

/** Signs an SSO token as a news site's backend would. */
export async function signSso(secret: string, claims: Json = {}, options: { alg?: string; expiresIn?: string | number; iat?: number } = {}) {
  // Every token gets its own jti, as a CMS should: a token logs in once.
  const jwt = new SignJWT({ sub: `user-${crypto.randomUUID()}`, name: "독자", jti: crypto.randomUUID(), ...claims })
    .setProtectedHeader({ alg: options.alg ?? "HS256" })
    .setIssuedAt(options.iat)
    .setExpirationTime(options.expiresIn ?? "1h");
  return jwt.sign(new TextEncoder().encode(secret));
}

export interface Reader {
  token: string;
  userId: string;
  auth: { Authorization: string };
}

/** Logs a reader in through SSO and returns their session. */
export async function login(site: { id: string; secret: string }, claims: Json = {}): Promise<Reader> {
  const res = await api("/api/v1/auth/sso", { method: "POST", json: { site: site.id, token: await signSso(site.secret, claims) } });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { token: res.body.session, userId: res.body.user.id, auth: { Authorization: `Bearer ${res.body.session}` } };
}

export async function post(site: { id: string }, reader: Reader, article: string, json: Json, headers: Record<string, string> = {}) {
  return api(`/api/v1/sites/${site.id}/articles/${encodeURIComponent(article)}/comments`, {
    method: "POST",
    headers: { ...reader.auth, ...headers },
    json,
  });
}

/** Posts and returns the comment, failing loudly otherwise. */
export async function comment(site: { id: string }, reader: Reader, article: string, body: string, extra: Json = {}) {
  const res = await post(site, reader, article, { body, ...extra });
  if (res.status !== 201) throw new Error(`post failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.comment as { id: string; body: string; parentId: string | null };
}

export async function list(site: { id: string }, article: string, query = "", reader?: Reader) {
  return api(`/api/v1/sites/${site.id}/articles/${encodeURIComponent(article)}/comments${query}`, { headers: reader?.auth });
}
