import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";

/** Served from the edge without asking D1 for this long after a page was made. */
export const FRESH_S = 5;
/** After that, served once more while a refresh runs; an older copy is never served. */
export const STALE_S = 10;

const CACHED_AT = "X-Marginalia-Cached-At";
const REFRESH = "X-Marginalia-Refresh";
/** What browsers and shared caches are told: as fresh as the edge keeps it, never longer. */
export const PUBLIC_CACHE_CONTROL = `public, max-age=${FRESH_S}, s-maxage=${FRESH_S}, stale-while-revalidate=${STALE_S - FRESH_S}`;

/**
 * OpenAPI entries of a route the edge cache serves: the headers of its 200, and the 304 a
 * conditional request gets.
 */
export function edgeCachedResponse<T extends { description: string }>(ok: T) {
  const header = (description: string) => ({ description, schema: { type: "string" as const } });
  return {
    200: {
      ...ok,
      headers: {
        ETag: header("Version of this page; send it back as If-None-Match"),
        "Cache-Control": header(`Anonymous: ${PUBLIC_CACHE_CONTROL}; signed in: private, no-store`),
        "X-Cache": header("HIT, STALE (served while refreshing) or MISS, for anonymous requests"),
        Age: header("Seconds since the page was made (at most 10)"),
        "X-D1-Bookmark": header("The D1 session's bookmark (every response has one): send it back as X-D1-Bookmark to read at least this recent"),
      },
    },
    304: { description: "Not modified: the If-None-Match ETag is the current one" },
  };
}

type Fetch = (request: Request, env: AppEnv["Bindings"], ctx: ExecutionContext) => Response | Promise<Response>;

const refreshing = new Set<string>();

/**
 * The isolate's own copies of the hottest pages, in front of the Cache API: a viral article's
 * page is asked for many times a second in one isolate, and a memory hit costs no I/O at all.
 * Same timestamps, same rules: never served older than STALE_S. Bounded, oldest first out.
 */
const MEMORY_PAGES = 200;

/** A made page as this isolate keeps it: its body, its stored headers (ETag included), when it was made. */
interface Kept {
  body: ArrayBuffer;
  headers: Headers;
  at: number;
}

const memory = new Map<string, Kept>();

function remember(url: string, page: Kept): void {
  memory.delete(url);
  if (memory.size >= MEMORY_PAGES) memory.delete(memory.keys().next().value!);
  memory.set(url, page);
}

/**
 * Pages being made right now in this isolate: concurrent readers of a page nobody has cached yet
 * wait for the one making it instead of each asking D1 (the first second of a viral article).
 */
const making = new Map<string, Promise<Kept | undefined>>();

const ageOf = (page: Kept, now: number) => (now - page.at) / 1000;

/**
 * The freshest copy of a page this isolate can find, its memory else the data centre's cache,
 * when it may still be served (less than STALE_S old).
 */
async function lookUp(key: Request, now: number): Promise<Kept | undefined> {
  const kept = memory.get(key.url);
  if (kept && ageOf(kept, now) < STALE_S) return kept;
  const hit = await caches.default.match(key);
  if (!hit) return undefined;
  const page = { body: await hit.arrayBuffer(), headers: hit.headers, at: Number(hit.headers.get(CACHED_AT)) };
  remember(key.url, page);
  return ageOf(page, now) < STALE_S ? page : undefined;
}

async function etagOf(body: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", body));
  return `"${Array.from(digest.slice(0, 12), (b) => b.toString(16).padStart(2, "0")).join("")}"`;
}

const cacheOn = (c: Context<AppEnv>) => c.env.EDGE_CACHE !== "off" && typeof caches !== "undefined";

/** Whether this request may be answered from, and stored in, the shared cache. */
function isPublic(c: Context<AppEnv>): boolean {
  return c.req.method === "GET" && c.req.header("Authorization") === undefined && cacheOn(c);
}

/** A refresh of ours, or a reader's own reload after a change (`Cache-Control: no-cache`), makes the page now. */
const mustMake = (c: Context<AppEnv>) => c.req.header(REFRESH) !== undefined || /no-cache/i.test(c.req.header("Cache-Control") ?? "");

/** The URL's page as the cache keys it: anonymous, whoever asks. */
const keyOf = (c: Context<AppEnv>) => new Request(c.req.url, { method: "GET" });

/**
 * Makes the page of `key` with `make` and keeps a 200 for everyone (memory at once, the data
 * centre's cache in the background). Readers asking for the same page meanwhile wait for this
 * one instead of each asking D1 (the first second of a viral article); a refresh never waits.
 */
async function makeAndKeep(
  c: Context<AppEnv>,
  key: Request,
  now: number,
  make: () => Promise<Response>,
): Promise<{ page: Kept; shared: boolean } | { page: undefined; response: Response }> {
  // A refresh, or a reload after the reader's own change, must not take a page begun before it.
  const inFlight = mustMake(c) ? undefined : making.get(key.url);
  const made = inFlight ? await inFlight : undefined;
  if (made) return { page: made, shared: true };
  let finish: (page: Kept | undefined) => void = () => {};
  const mine = new Promise<Kept | undefined>((resolve) => {
    finish = resolve;
  });
  making.set(key.url, mine);
  try {
    const response = await make();
    if (response.status !== 200) return { page: undefined, response };
    const body = await response.arrayBuffer();
    const headers = new Headers(response.headers);
    headers.set("ETag", await etagOf(body));
    headers.set(CACHED_AT, String(now));
    // Kept by the cache a little longer than it is ever served (the age is checked on the way out).
    headers.set("Cache-Control", `public, max-age=${STALE_S + 5}`);
    const page = { body, headers, at: now };
    remember(key.url, page);
    finish(page);
    c.executionCtx.waitUntil(caches.default.put(key, new Response(body.slice(0), { status: 200, headers })));
    return { page, shared: false };
  } finally {
    // Waiters of a page that failed make their own.
    finish(undefined);
    if (making.get(key.url) === mine) making.delete(key.url);
  }
}

/**
 * The anonymous page of this request's URL for a signed-in reader, who sees it with their own
 * overlay on top: the edge copy when one is less than STALE_S old, else made by `make` (from
 * D1, counted in this request) and kept for everyone. `madeAt` tells the overlay from when on
 * the viewer's own changes may be missing from it. Without the cache, simply made.
 */
export async function publicCopy(c: Context<AppEnv>, make: () => Promise<Response>): Promise<{ response: Response; madeAt: number }> {
  const now = Date.now();
  if (!cacheOn(c)) return { response: await make(), madeAt: now };
  const key = keyOf(c);
  const found = mustMake(c) ? undefined : await lookUp(key, now);
  const made = found ? { page: found } : await makeAndKeep(c, key, now, make);
  if (!made.page) return { response: made.response, madeAt: now };
  return { response: new Response(made.page.body.slice(0), { headers: made.page.headers }), madeAt: made.page.at };
}

/** The client's copy of a kept page: 304 when it already has this version. */
function answer(c: Context<AppEnv>, page: Kept, now: number, state: "HIT" | "STALE" | "MISS"): Response {
  const headers = new Headers(page.headers);
  const ageS = ageOf(page, now);
  headers.delete(CACHED_AT);
  headers.set("Cache-Control", PUBLIC_CACHE_CONTROL);
  headers.set("Age", String(Math.floor(ageS)));
  headers.set("X-Cache", state);
  // For browsers and other shared caches; the edge copy itself is only ever looked up for anonymous requests.
  headers.append("Vary", "Authorization");
  if (c.req.header("If-None-Match") === page.headers.get("ETag")) return new Response(null, { status: 304, headers });
  // A copy of the bytes: the kept page serves many readers.
  return new Response(page.body.slice(0), { status: 200, headers });
}

/**
 * The edge cache of anonymous reads (Workers Cache API, `caches.default`, per data centre): a
 * page made less than FRESH_S ago is served as is; one less than STALE_S old is served while a
 * refresh runs in the background (`waitUntil`, one per isolate and URL); anything older is made
 * again. Only anonymous GETs of the routes it wraps go through it, and only 200s are kept: no
 * pending comment, reaction or session ever reaches it. Every answer carries an ETag, and a
 * client that sends it back gets 304. CORS is added outside, per request origin.
 *
 * `refetch` runs the app again for a background refresh.
 */
export function edgeCache(refetch: Fetch): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!isPublic(c)) {
      await next();
      // A signed-in reader's page is theirs alone: no cache anywhere may keep or reuse it.
      if (c.req.method === "GET" && c.res.status === 200 && c.req.header("Authorization") !== undefined) {
        c.res.headers.set("Cache-Control", "private, no-store");
        c.res.headers.append("Vary", "Authorization");
      }
      return;
    }
    const key = keyOf(c);
    const now = Date.now();
    const found = mustMake(c) ? undefined : await lookUp(key, now);
    if (found) {
      const ageS = ageOf(found, now);
      if (ageS >= FRESH_S && !refreshing.has(key.url)) {
        refreshing.add(key.url);
        const request = new Request(key.url, { headers: { [REFRESH]: "1" } });
        c.executionCtx.waitUntil(Promise.resolve(refetch(request, c.env, c.executionCtx as ExecutionContext)).finally(() => refreshing.delete(key.url)));
      }
      return answer(c, found, now, ageS < FRESH_S ? "HIT" : "STALE");
    }
    const made = await makeAndKeep(c, key, now, async () => {
      await next();
      return c.res;
    });
    // A page made by another request of this isolate meanwhile is a hit for this one.
    if (made.page) c.res = answer(c, made.page, Date.now(), made.shared ? "HIT" : "MISS");
  };
}
