/** The moderation API on this origin, with the stored credentials as Bearer token. */
import { loadCredentials } from "./credentials";
import { t } from "./i18n";

/** A refused request: the API's error envelope (status 0 / code "network" when no answer came). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

type Method = "GET" | "POST" | "PATCH" | "DELETE";

let onSessionLost = () => {};
/** What to do when the API says the stored credentials no longer work. */
export function whenSessionLost(handler: () => void): void {
  onSessionLost = handler;
}

/**
 * Calls `/api/v1<path>`; resolves with the JSON body (undefined for 204).
 *
 * @example
 * const page = await call<QueuePage>("GET", `/sites/${enc(site)}/moderation/queue?queue=pending`);
 */
export async function call<T>(method: Method, path: string, json?: unknown, token?: string): Promise<T> {
  // An explicit token is being tried out (a login); only the stored one can be "lost".
  const stored = token === undefined;
  const bearer = stored ? loadCredentials()?.token : token;
  const headers: Record<string, string> = {};
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  if (json !== undefined) headers["Content-Type"] = "application/json";
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, { method, headers, body: json === undefined ? undefined : JSON.stringify(json), cache: "no-store" });
  } catch {
    throw new ApiFailure(0, "network", "network");
  }
  if (res.status === 204) return undefined as T;
  const body: unknown = await res.json().catch(() => ({}));
  if (res.ok) return body as T;
  const error = (body as { error?: { code?: string; message?: string; details?: unknown } }).error ?? {};
  const failure = new ApiFailure(res.status, error.code ?? "internal_error", error.message ?? "", error.details);
  if (res.status === 401 && stored && bearer) onSessionLost();
  throw failure;
}

export const enc = encodeURIComponent;

/** A failure in the moderator's language; with `site`, a 403 or 404 says which site is out of reach. */
export function failureText(error: unknown, site?: string): string {
  if (!(error instanceof ApiFailure)) return t("failed", { code: "client" });
  if (error.code === "network") return t("network");
  if (site && error.status === 403) return t("notModeratorOf", { site });
  if (site && error.code === "site_not_found") return t("noSite", { site });
  return t("failed", { code: error.code });
}
