import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { randomToken } from "../../lib/crypto";

const NAME = "marginalia_login";

function cookieName(c: Context): { name: string; secure: boolean } {
  const secure = new URL(c.req.url).protocol === "https:";
  // `__Host-` pins the cookie to this exact origin; browsers accept it only over https.
  return { name: secure ? `__Host-${NAME}` : NAME, secure };
}

/**
 * Ties a login to the browser that started it: a random value in a first-party cookie of the
 * popup (which is a top-level page on this service), whose hash is kept with the pending login.
 * A callback URL replayed or opened elsewhere lacks it and is refused, so a leaked code and
 * state cannot log another browser in.
 */
export function bindBrowser(c: Context, maxAgeSeconds: number): string {
  const { name, secure } = cookieName(c);
  const value = randomToken(32);
  setCookie(c, name, value, { path: "/", httpOnly: true, secure, sameSite: "Lax", maxAge: maxAgeSeconds });
  return value;
}

/** The binding value sent back to the callback, cleared so it serves one login only. */
export function takeBrowserBinding(c: Context): string | undefined {
  const { name, secure } = cookieName(c);
  const value = getCookie(c, name);
  if (value !== undefined) deleteCookie(c, name, { path: "/", secure });
  return value;
}
