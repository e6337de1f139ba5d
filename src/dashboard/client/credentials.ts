/**
 * What the dashboard logs in with, kept in sessionStorage: first-party, gone when the tab
 * closes, never sent anywhere but as the Bearer token of this origin's API.
 */
export type Credentials = { kind: "admin"; token: string } | { kind: "session"; token: string; site: string };

const KEY = "marginalia.moderate";

function isCredentials(value: unknown): value is Credentials {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  if (typeof v.token !== "string" || !v.token) return false;
  return v.kind === "admin" || (v.kind === "session" && typeof v.site === "string");
}

export function loadCredentials(): Credentials | undefined {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? "null");
    return isCredentials(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function saveCredentials(credentials: Credentials): void {
  sessionStorage.setItem(KEY, JSON.stringify(credentials));
}

export function clearCredentials(): void {
  sessionStorage.removeItem(KEY);
}

/**
 * A login handed over in the URL fragment (`#site=demo&sso=<token>`), as a news site's CMS
 * links its moderators in. Fragments never reach a server; it is cleared from the address
 * bar (and so from history) as soon as it is read.
 */
export function takeHandoff(): { site: string; sso: string } | undefined {
  if (location.hash.length < 2) return undefined;
  const params = new URLSearchParams(location.hash.slice(1));
  history.replaceState(history.state, "", location.pathname + location.search);
  const site = params.get("site");
  const sso = params.get("sso");
  return site && sso ? { site, sso } : undefined;
}
