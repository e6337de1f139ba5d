/**
 * The service's JSON API as both pages call it: on this origin under `/api/v1`, with a session
 * as Bearer token, every refusal read from the one error envelope
 * (`{ error: { code, message, details? } }`) into an `ApiFailure`. What differs between the
 * reader widget and the dashboard — where the session is kept, which refusal means it has
 * ended, caching — is what `apiClient` is given.
 */

/** Where the API lives, on this origin. */
export const API = "/api/v1";

export const enc = encodeURIComponent;

/** A refused request: the envelope's code and details, plus Retry-After when given; status 0 / code "network" when no answer came. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    /** An object for most codes (`reasons`, `until`, `current`…); for `invalid_request`, the list of issues. */
    readonly details: Record<string, unknown> = {},
    readonly retryAfter = 0,
  ) {
    super(code);
  }
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * The D1 bookmark of the last answer: sent with every call, so a read after this page's own
 * write is served by a copy of the database that has it (read replicas may lag).
 */
let bookmark = "";

export interface CallOptions {
  /** Sent instead of the stored session ("" sends none): credentials being tried out, or a public list. */
  token?: string;
  headers?: Record<string, string>;
}

export interface ApiClientOptions {
  /** The stored session, sent as Bearer token unless a call names its own. */
  session(): string | undefined;
  /** Whether this refusal of the stored session means it has ended: the `whenSessionLost` handler then runs. */
  ended(failure: ApiFailure): boolean;
  /** The fetch cache mode of every call (the dashboard's answers are never cached). */
  cache?: RequestCache;
}

/**
 * A `call` function for one page, and where to say what happens when its session is lost.
 *
 * @example
 * const { call, whenSessionLost } = apiClient({ session: () => store.session()?.session, ended: (f) => f.code === "invalid_session" });
 * const { comment } = await call<{ comment: CommentJson }>("POST", `/sites/${enc(site)}/articles/${enc(article)}/comments`, { body });
 */
export function apiClient(options: ApiClientOptions) {
  let lost = () => {};

  /** Calls `/api/v1<path>`; resolves with the JSON body (undefined for 204), rejects with an `ApiFailure`. */
  async function call<T>(method: Method, path: string, json?: unknown, { token, headers = {} }: CallOptions = {}): Promise<T> {
    // Only the stored session can be "lost"; a token being tried out is simply refused.
    const stored = token === undefined;
    const bearer = stored ? options.session() : token;
    const all: Record<string, string> = { ...headers };
    if (bearer) all.Authorization = `Bearer ${bearer}`;
    if (json !== undefined) all["Content-Type"] = "application/json";
    if (bookmark) all["X-D1-Bookmark"] = bookmark;
    let res: Response;
    try {
      res = await fetch(API + path, { method, headers: all, body: json === undefined ? undefined : JSON.stringify(json), cache: options.cache });
    } catch {
      throw new ApiFailure(0, "network");
    }
    bookmark = res.headers.get("X-D1-Bookmark") ?? bookmark;
    if (res.status === 204) return undefined as T;
    const body: unknown = await res.json().catch(() => ({}));
    if (res.ok) return body as T;
    const error = (body as { error?: { code?: string; details?: Record<string, unknown> } }).error ?? {};
    const failure = new ApiFailure(res.status, error.code ?? "internal_error", error.details, Number(res.headers.get("Retry-After")) || 0);
    if (stored && bearer && options.ended(failure)) lost();
    throw failure;
  }

  return {
    call,
    /** What to do when the API says the stored session no longer works. */
    whenSessionLost(handler: () => void): void {
      lost = handler;
    },
  };
}
