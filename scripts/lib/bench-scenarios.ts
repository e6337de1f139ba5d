import { SignJWT } from "jose";
import { runLoad, type LoadOptions, type LoadResult, type Send } from "./bench-load";
import type { Fixture } from "./bench-seed";

/** What a measurement is checked against: a list is O(page), a count O(articles). */
type Kind = { type: "list" } | { type: "count"; articles: number } | { type: "write" } | { type: "other" };

export interface Measurement {
  name: string;
  kind: Kind;
  result: LoadResult;
}

/** Names of the measurements that the checks compare with each other. */
export const PAGE_1 = "list page 1 (newest, 20)";
export const DEEP_PAGE = "list page 51 (nextCursor x50)";
export const SMALL_PAGE_1 = "list page 1, small article";

export interface Target {
  baseUrl: string;
  /** The bench server's ADMIN_TOKEN: the moderator's side of the measurements. */
  adminToken: string;
  fixture: Fixture;
  load: Omit<LoadOptions, "expectStatus">;
}

/** `fresh`: ask past the edge cache (Cache-Control: no-cache), to measure what D1 pays for a page. */
type Init = { method?: string; json?: unknown; session?: string; fresh?: boolean; headers?: Record<string, string> };

/** One request to the bench server; only ever 127.0.0.1. */
export function call(target: Target, path: string, init: Init = {}): Promise<Response> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.json !== undefined) headers["Content-Type"] = "application/json";
  if (init.session) headers.Authorization = `Bearer ${init.session}`;
  if (init.fresh) headers["Cache-Control"] = "no-cache";
  const body = init.json === undefined ? undefined : JSON.stringify(init.json);
  return fetch(target.baseUrl + path, { method: init.method ?? "GET", headers, body });
}

async function json<T>(res: Response): Promise<T> {
  const text = await res.text();
  if (!res.ok) throw new Error(`${res.url} answered ${res.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

/** Logs one reader in (by default the bench reader) as the site's backend would: an HS256 JWT signed with its SSO secret. */
export async function login(target: Target, who = { sub: "bench-reader", name: "Bench Reader" }): Promise<string> {
  const { siteId, ssoSecret } = target.fixture;
  const token = await new SignJWT(who)
    .setProtectedHeader({ alg: "HS256" })
    .setAudience(siteId)
    .setIssuedAt()
    .setJti(crypto.randomUUID())
    .setExpirationTime("1h")
    .sign(new TextEncoder().encode(ssoSecret));
  const body = await json<{ session: string }>(await call(target, "/api/v1/auth/sso", { method: "POST", json: { site: siteId, token } }));
  return body.session;
}

export const commentsPath = (f: Fixture, article: string, query = "") => `/api/v1/sites/${f.siteId}/articles/${article}/comments${query}`;

/** The cursor of page `pages + 1`, reached the way a reader would: by following nextCursor. */
async function cursorAfter(target: Target, pages: number): Promise<string> {
  let cursor: string | null = null;
  for (let page = 0; page < pages; page++) {
    const query: string = `?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const body: { nextCursor: string | null } = await json(await call(target, commentsPath(target.fixture, target.fixture.bigArticle, query)));
    if (!body.nextCursor) throw new Error(`The big article ran out of pages after ${page + 1}`);
    cursor = body.nextCursor;
  }
  return cursor!;
}

/**
 * Measures every endpoint in turn: reads first (so the writes cannot change what they list),
 * then POST, PUT reaction, and DELETE of the comments the POSTs created.
 */
export async function measureAll(target: Target, session: string, log: (line: string) => void): Promise<Measurement[]> {
  const f = target.fixture;
  const measurements: Measurement[] = [];
  const measure = async (
    name: string,
    kind: Kind,
    expectStatus: number,
    send: Send,
    more: Partial<LoadOptions> = {},
    onBody?: (text: string, i: number) => void,
  ) => {
    const result = await runLoad(send, { ...target.load, ...more, expectStatus }, onBody);
    log(`  ${name}: ${result.requests} requests in ${result.seconds.toFixed(1)} s`);
    measurements.push({ name, kind, result });
  };
  // Reads are made fresh (past the edge cache) to measure their D1 cost; the edge-cache rows
  // after them measure what anonymous readers of a hot article get, against the static ceiling.
  const get =
    (path: string, withSession = false): Send =>
    () =>
      call(target, path, withSession ? { session } : { fresh: true });
  const list = { type: "list" } as const;

  const deepCursor = await cursorAfter(target, 50);
  await measure(PAGE_1, list, 200, get(commentsPath(f, f.bigArticle, "?limit=20")));
  await measure("list page 1, signed in", list, 200, get(commentsPath(f, f.bigArticle, "?limit=20"), true));
  await measure(DEEP_PAGE, list, 200, get(commentsPath(f, f.bigArticle, `?limit=20&cursor=${encodeURIComponent(deepCursor)}`)));
  await measure("list sort=oldest", list, 200, get(commentsPath(f, f.bigArticle, "?sort=oldest&limit=20")));
  await measure("list sort=popular", list, 200, get(commentsPath(f, f.bigArticle, "?sort=popular&limit=20")));
  await measure("list replies (?parent=)", list, 200, get(commentsPath(f, f.bigArticle, `?parent=${f.hotCommentId}&limit=20`)));
  await measure(SMALL_PAGE_1, list, 200, get(commentsPath(f, f.smallArticle, "?limit=20")));
  await measure("counts, 1 article", { type: "count", articles: 1 }, 200, get(`/api/v1/sites/${f.siteId}/counts?articles=${f.bigArticle}`));
  await measure(
    "counts, 50 articles",
    { type: "count", articles: f.countArticles.length },
    200,
    get(`/api/v1/sites/${f.siteId}/counts?articles=${f.countArticles.join(",")}`),
  );
  await measure("GET /me", { type: "other" }, 200, get("/api/v1/me", true));
  await measure("static /embed.js (ceiling)", { type: "other" }, 200, () => call(target, "/embed.js"));
  await measure("list page 1, edge cache", { type: "other" }, 200, () => call(target, commentsPath(f, f.bigArticle, "?limit=20")));
  await measure("counts, 1 article, edge cache", { type: "other" }, 200, () => call(target, `/api/v1/sites/${f.siteId}/counts?articles=${f.bigArticle}`));
  await measure("moderation queue page (pending, 20)", list, 200, () =>
    call(target, `/api/v1/sites/${f.siteId}/moderation/queue?queue=pending&limit=20`, { session: target.adminToken }),
  );

  const created: string[] = [];
  await measure(
    "POST comment",
    { type: "write" },
    201,
    (i) =>
      call(target, commentsPath(f, f.bigArticle), { method: "POST", session, json: { body: `Bench comment ${i} (${crypto.randomUUID()}): 잘 읽었습니다.` } }),
    {},
    (text) => created.push((JSON.parse(text) as { comment: { id: string } }).comment.id),
  );
  await measure("PUT reaction", { type: "write" }, 200, (i) =>
    call(target, `/api/v1/comments/${f.reactionTargets[i % f.reactionTargets.length]}/reaction`, { method: "PUT", session, json: { value: "like" } }),
  );
  // Each DELETE removes one comment the POSTs made, so there are exactly as many as were created.
  await measure("DELETE comment", { type: "write" }, 204, (i) => call(target, `/api/v1/comments/${created[i]}`, { method: "DELETE", session }), {
    requests: created.length,
  });
  return measurements;
}
