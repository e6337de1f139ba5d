/**
 * What the frame keeps in its own origin's localStorage (never visible to the host page): the
 * session, ignored users, reported comments. Browsers that block third-party storage deny it to
 * a frame on another site; then it all lives in memory for the page's lifetime, and the host
 * re-hands the token (data-sso-token or the login callback) on the next page.
 */
import type { Me } from "./types";

export interface StoredSession {
  session: string;
  user: Me;
  /** The SSO subject it was bought for, to skip a new login for the same reader. */
  sub: string;
  expiresAt: string;
}

const memory = new Map<string, string>();
let prefix = "marginalia:";
let persistent = false;

function read<T>(key: string, fallback: T): T {
  let text: string | null | undefined;
  try {
    text = persistent ? localStorage.getItem(prefix + key) : memory.get(key);
  } catch {
    text = memory.get(key);
  }
  try {
    return text ? ((JSON.parse(text) as T | null) ?? fallback) : fallback;
  } catch {
    return fallback;
  }
}

function write(key: string, value: unknown): void {
  const text = JSON.stringify(value);
  try {
    if (!persistent) memory.set(key, text);
    else if (value === null) localStorage.removeItem(prefix + key);
    else localStorage.setItem(prefix + key, text);
  } catch {
    memory.set(key, text);
  }
}

export interface Ignored {
  id: string;
  name: string;
}

const MAX_REMEMBERED = 500;

export const store = {
  /** Keys are per site: one reader's sessions on two sites never mix. */
  open(site: string) {
    prefix = `marginalia:${site}:`;
    try {
      localStorage.setItem(`${prefix}probe`, "1");
      localStorage.removeItem(`${prefix}probe`);
      persistent = true;
    } catch {
      persistent = false;
    }
  },
  /** False when the browser denies this frame its storage (third-party storage blocked). */
  persistent: () => persistent,
  session(): StoredSession | null {
    const s = read<StoredSession | null>("session", null);
    return s && Date.parse(s.expiresAt) > Date.now() ? s : null;
  },
  setSession(value: StoredSession | null) {
    write("session", value);
  },
  ignored: () => read<Ignored[]>("ignored", []),
  setIgnored(list: Ignored[]) {
    write("ignored", list.slice(-MAX_REMEMBERED));
  },
  reported: () => read<string[]>("reported", []),
  addReported(id: string) {
    write("reported", [...store.reported().filter((x) => x !== id), id].slice(-MAX_REMEMBERED));
  },
};
