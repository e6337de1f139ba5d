/**
 * Messages between the host page (embed.js) and the widget frame. Every message carries
 * `ns: "marginalia"` so other postMessage users on the page are ignored; each side also checks
 * the sender's origin and window before acting.
 */
export const NS = "marginalia";

/** Frame → host. `rendered.at` is an epoch time in ms, comparable across the two documents. */
export type FrameMessage =
  | { ns: typeof NS; type: "ready" }
  | { ns: typeof NS; type: "resize"; height: number }
  | { ns: typeof NS; type: "login-request" }
  | { ns: typeof NS; type: "logout" }
  | { ns: typeof NS; type: "rendered"; at: number };

/** Host → frame. The SSO token is the host's own; the session it buys never leaves the frame. */
export type HostMessage =
  /** `siteLogin`: the page can log readers in with the site's own account (a login callback or URL). */
  | { ns: typeof NS; type: "init"; url: string; title: string; token?: string; siteLogin?: boolean }
  | { ns: typeof NS; type: "login"; token: string }
  | { ns: typeof NS; type: "logout" };

export const isMessage = (data: unknown): data is { ns: string; type: string } =>
  typeof data === "object" && data !== null && (data as { ns?: unknown }).ns === NS && typeof (data as { type?: unknown }).type === "string";
