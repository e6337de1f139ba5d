/**
 * An SSO token logs in once (the API answers `token_replayed` to a second exchange), yet a page
 * may hold several widgets, all handed the same token (data-sso-token, or Marginalia.login()
 * which hands its token to every widget). Widget frames are same-origin siblings under the
 * host page, so each can read the others' pending exchanges directly, whatever the browser does
 * to their storage: the first frame exchanges, the others await its answer. Checking and
 * recording happen in one synchronous step, and same-origin frames share one event loop, so
 * two frames cannot both start.
 */
import { call } from "./api";
import type { Session } from "./types";

type Exchanges = Map<string, Promise<Session>>;
const KEY = "marginaliaSsoExchanges";
const mine: Exchanges = new Map();
(window as unknown as Record<string, Exchanges>)[KEY] = mine;

/** This frame's exchanges and those of its same-origin siblings (other origins' frames are skipped). */
function exchangesOnPage(): Exchanges[] {
  const found = [mine];
  try {
    for (let i = 0; i < window.parent.frames.length; i++) {
      try {
        const other = (window.parent.frames[i] as unknown as Record<string, Exchanges | undefined>)[KEY];
        if (other && other !== mine) found.push(other);
      } catch {
        // A frame of another origin (an ad, a video): not ours.
      }
    }
  } catch {
    // No reachable parent: this frame alone.
  }
  return found;
}

/** The session bought with `token` on this page, or a new exchange of it. */
export function exchangeOnce(site: string, token: string): Promise<Session> {
  for (const exchanges of exchangesOnPage()) {
    const pending = exchanges.get(token);
    if (pending) return pending;
  }
  const exchange = call<Session>("POST", "/auth/sso", { site, token });
  mine.set(token, exchange);
  // A failed exchange (network) may be tried again by the next hand-over of the token.
  exchange.catch(() => mine.delete(token));
  return exchange;
}
