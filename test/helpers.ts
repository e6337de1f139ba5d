import { createExecutionContext, createMessageBatch, getQueueResult, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { SignJWT } from "jose";
import type { z } from "zod";
import type { siteWithSecretSchema } from "../src/sites/sites.schemas";
import type { sessionResponseSchema } from "../src/auth/auth.schemas";
import type { commentSchema } from "../src/comments/comments.schemas";
import type { Env } from "../src/env";
import worker from "../src/index";
import type { WebhookEvent } from "../src/notifications/events";

export const ADMIN = { Authorization: "Bearer test-admin-token" };
const BASE = "https://marginalia.test";

type Json = Record<string, unknown>;

/** The envelope of every failure (`ApiError.toBody` in src/lib/errors.ts). */
export interface ApiErrorBody<Details = unknown> {
  error: { code: string; message: string; details?: Details };
}

/** One entry of a validation 400's `details` (`describeIssues` in src/lib/openapi.ts). */
interface Issue {
  location: string;
  path: string;
  message: string;
}

/**
 * The body of a call that names no type. The error envelope is typed; the fields of a success
 * body are whatever the route sent — pass `T` (`api<{ comment: Comment }>(…)`) to type them.
 */
export interface UntypedBody {
  error: ApiErrorBody["error"];
  // biome-ignore lint/suspicious/noExplicitAny: a success body not typed by its caller (see above)
  [field: string]: any;
}

export interface ApiResponse<T = UntypedBody> {
  status: number;
  headers: Headers;
  /** Parsed JSON; the raw text when the response is not JSON (an HTML page), null when empty. */
  body: T;
  /** The body as sent. */
  text: string;
  rowsRead: number;
}

/** `details` of a 422 `comment_rejected` or `needs_confirmation` (src/moderation/moderateComment.ts). */
export interface Rejection {
  reasons: { code: string; detail?: string }[];
  commentId?: string;
}

export type Comment = z.infer<typeof commentSchema>;

/**
 * Calls the Worker through its real fetch handler.
 *
 * @example
 * const res = await api<{ comment: Comment }>(`/api/v1/comments/${id}`, { method: "PATCH", headers: reader.auth, json: { body } });
 */
export async function api<T = UntypedBody>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<ApiResponse<T>> {
  return read<T>(await exports.default.fetch(toRequest(path, init)));
}

/**
 * Calls the Worker with its real bindings, some of them replaced (`undefined` removes one): a
 * missing secret, the edge cache turned on. Background work (`waitUntil`) is awaited.
 *
 * @example
 * const res = await apiWithBindings({ SECRETS_KEY: undefined }, "/api/v1/admin/sites", { method: "POST", headers: ADMIN, json });
 */
export async function apiWithBindings<T = UntypedBody>(
  bindings: Partial<Env>,
  path: string,
  init: RequestInit & { json?: unknown } = {},
): Promise<ApiResponse<T>> {
  const ctx = createExecutionContext();
  const res = await worker.fetch!(toRequest(path, init) as Request<unknown, IncomingRequestCfProperties>, { ...(env as Env), ...bindings }, ctx);
  const answered = await read<T>(res);
  await waitOnExecutionContext(ctx);
  return answered;
}

/**
 * A GET through the Worker with the edge cache on (the test config turns it off), with its
 * `X-D1-Calls` read out.
 *
 * @example
 * const page = await viaEdge(`/api/v1/sites/${site.id}/articles/a/comments`, reader.auth);
 */
export async function viaEdge<T = UntypedBody>(path: string, headers: Record<string, string> = {}) {
  const res = await apiWithBindings<T>({ EDGE_CACHE: "on" }, path, { headers });
  return { ...res, calls: Number(res.headers.get("X-D1-Calls")) };
}

/** Hands `events` to the Worker's webhook queue consumer as one batch (ids m0, m1, …) and returns what it acked and retried. */
export async function runConsumer(events: WebhookEvent[]) {
  const batch = createMessageBatch<WebhookEvent>(
    "marginalia-webhooks",
    events.map((body, i) => ({ id: `m${i}`, timestamp: new Date(), attempts: 1, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue!(batch, env, ctx);
  return getQueueResult(batch, ctx);
}

function toRequest(path: string, init: RequestInit & { json?: unknown }): Request {
  const { json, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (json !== undefined) headers.set("Content-Type", "application/json");
  return new Request(BASE + path, { ...rest, headers, body: json === undefined ? rest.body : JSON.stringify(json) });
}

async function read<T>(res: Response): Promise<ApiResponse<T>> {
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON (docs page, the login popup's page)
  }
  return { status: res.status, headers: res.headers, body: body as T, text, rowsRead: Number(res.headers.get("X-D1-Rows-Read")) };
}

/**
 * `[status, error code]` of a response, to assert which rule refused a request, not only that
 * one did.
 *
 * @example
 * expect(refusal(await api(`/api/v1/comments/${id}`, { method: "DELETE", headers: stranger.auth }))).toEqual([403, "wrong_site"]);
 */
export function refusal(res: Pick<ApiResponse<unknown>, "status" | "body">): [number, string | undefined] {
  const body = res.body as Partial<ApiErrorBody> | null;
  return [res.status, typeof body === "object" ? body?.error?.code : undefined];
}

/** The fields a validation 400 names (its `details[].path`), e.g. `["body"]` or `["settings.webhookUrl"]`. */
export function detailPaths(res: Pick<ApiResponse<unknown>, "body">): string[] {
  const details = (res.body as Partial<ApiErrorBody> | null)?.error?.details;
  if (!Array.isArray(details)) return [];
  return details.map((issue: Partial<Issue>) => issue.path).filter((path): path is string => typeof path === "string");
}

const RELAXED_LIMITS = { minIntervalSeconds: 0, dailyLimit: 10_000, perArticleDailyLimit: 10_000 };

let siteCounter = 0;
/** Creates a site through the admin API; returns its id, SSO secret and webhook secret. */
export async function createSite(overrides: Json = {}) {
  const id = (overrides.id as string) ?? `site-${++siteCounter}-${crypto.randomUUID().slice(0, 8)}`;
  const res = await api<z.infer<typeof siteWithSecretSchema>>("/api/v1/admin/sites", {
    method: "POST",
    headers: ADMIN,
    // Posting limits are relaxed unless a test sets them: most tests post several comments quickly.
    json: {
      id,
      name: `Site ${id}`,
      origins: [`https://${id}.example`],
      ...overrides,
      settings: { ...RELAXED_LIMITS, ...(overrides.settings as Json | undefined) },
    },
  });
  const { ssoSecret, webhookSecret } = res.body;
  if (res.status !== 201 || webhookSecret === undefined) throw new Error(`createSite failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id, secret: ssoSecret, webhookSecret, origin: `https://${id}.example` };
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
  const res = await api<z.infer<typeof sessionResponseSchema>>("/api/v1/auth/sso", {
    method: "POST",
    json: { site: site.id, token: await signSso(site.secret, claims) },
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { token: res.body.session, userId: res.body.user.id, auth: { Authorization: `Bearer ${res.body.session}` } };
}

export async function post<T = UntypedBody>(site: { id: string }, reader: Reader, article: string, json: Json, headers: Record<string, string> = {}) {
  return api<T>(`/api/v1/sites/${site.id}/articles/${encodeURIComponent(article)}/comments`, {
    method: "POST",
    headers: { ...reader.auth, ...headers },
    json,
  });
}

/** Posts and returns the comment, failing loudly otherwise. */
export async function comment(site: { id: string }, reader: Reader, article: string, body: string, extra: Json = {}) {
  const res = await post<{ comment: Comment }>(site, reader, article, { body, ...extra });
  if (res.status !== 201) throw new Error(`post failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.comment;
}

export async function list<T = UntypedBody>(site: { id: string }, article: string, query = "", reader?: Reader) {
  return api<T>(`/api/v1/sites/${site.id}/articles/${encodeURIComponent(article)}/comments${query}`, { headers: reader?.auth });
}
