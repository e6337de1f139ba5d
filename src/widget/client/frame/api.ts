/** The comments API, same origin as the frame, with the reader's session as Bearer token. */
import { store } from "./store";

/** A refused request: the API's error envelope, plus Retry-After when given. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly details: Record<string, unknown> = {},
    readonly retryAfter = 0,
  ) {
    super(code);
  }
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * Calls `/api/v1<path>`; resolves with the JSON body (undefined for 204), rejects with an
 * `ApiFailure` (status 0 / code "network" when the request never got an answer).
 *
 * @example
 * const { comment } = await call<{ comment: Comment }>("POST", `/sites/${site}/articles/${a}/comments`, { body });
 */
export async function call<T>(method: Method, path: string, json?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const session = store.session()?.session;
  const init: RequestInit = { method, headers: { ...headers } };
  const h = init.headers as Record<string, string>;
  if (session) h.Authorization = `Bearer ${session}`;
  if (json !== undefined) {
    h["Content-Type"] = "application/json";
    init.body = JSON.stringify(json);
  }
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, init);
  } catch {
    throw new ApiFailure(0, "network");
  }
  if (res.status === 204) return undefined as T;
  const body = await res.json().catch(() => ({}));
  if (res.ok) return body as T;
  const error = (body as { error?: { code?: string; details?: Record<string, unknown> } }).error ?? {};
  const failure = new ApiFailure(res.status, error.code ?? "internal_error", error.details, Number(res.headers.get("Retry-After")) || 0);
  if (failure.code === "invalid_session") onSessionLost();
  throw failure;
}

let sessionLost = () => {};
/** What to do when the API says the stored session is no longer valid. */
export function onSessionLost(handler?: () => void): void {
  if (handler) sessionLost = handler;
  else sessionLost();
}

export const enc = encodeURIComponent;
