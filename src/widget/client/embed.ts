/**
 * embed.js — the host page's script. Turns every
 * `<div data-marginalia data-site data-article [data-lang] [data-sso-token] [data-login-callback] [data-loading=eager] [data-theme=dark|light] [data-accent=#rrggbb]>`
 * into an iframe served from the comment service's own origin, sizes it to its content, and
 * relays the host's SSO token to it. The session the frame gets for that token stays in the
 * frame's storage: nothing here can read it.
 *
 * @example
 * <div data-marginalia data-site="demo" data-article="2021-05-17-lg-ai"></div>
 * <script src="https://comments.example/embed.js" async></script>
 * <script>
 *   window.Marginalia = { onLoginRequest: () => myBackend.ssoToken().then((t) => Marginalia.login(t)) };
 * </script>
 */
import { isMessage, NS, type FrameMessage, type HostMessage } from "./protocol";

interface Widget {
  el: HTMLElement;
  frame: HTMLIFrameElement;
  ready: boolean;
}

interface Api {
  login(token: string): void;
  logout(): void;
  mount(root?: ParentNode): void;
  onLoginRequest?: (info: { site: string; article: string }) => void;
  onLogout?: () => void;
}

type HostWindow = Window & { Marginalia?: Partial<Api> } & Record<string, unknown>;
const host = window as unknown as HostWindow;

const script = document.currentScript as HTMLScriptElement | null;
const service = new URL(script?.src || "/", location.href).origin;
const widgets: Widget[] = [];
let pendingToken: string | undefined;

const send = (w: Widget, message: HostMessage) => w.frame.contentWindow?.postMessage(message, service);

function language(el: HTMLElement): string {
  const lang = el.dataset.lang || el.closest<HTMLElement>("[lang]")?.lang || navigator.language || "ko";
  return lang.toLowerCase().startsWith("ko") ? "ko" : "en";
}

function canonicalUrl(): string {
  const link = document.querySelector<HTMLLinkElement>('link[rel="canonical"]');
  return link?.href || location.href.split("#")[0]!;
}

function mountOne(el: HTMLElement): void {
  const { site, article } = el.dataset;
  if (!site || !article || el.querySelector("iframe[data-marginalia-frame]")) return;
  const lang = language(el);
  // Theme: the page's own (data-theme), else the reader's system setting; data-accent colours links and buttons.
  const theme = el.dataset.theme === "dark" || el.dataset.theme === "light" ? el.dataset.theme : "auto";
  const query = new URLSearchParams({ site, article, lang, origin: location.origin, theme });
  const accent = el.dataset.accent;
  if (accent && /^#[0-9a-f]{3,8}$/i.test(accent)) query.set("accent", accent);
  const frame = document.createElement("iframe");
  frame.src = `${service}/embed/frame?${query}`;
  frame.title = lang === "ko" ? "댓글" : "Comments";
  frame.dataset.marginaliaFrame = "";
  // The frame may open links in new tabs and the login popup, and save the reader's data
  // export, but never navigate the host page. (On the service's own origin, as on its demo
  // page, a sandbox would mean nothing: the browser warns, so none.)
  if (service !== location.origin)
    frame.setAttribute("sandbox", "allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox allow-downloads");
  frame.setAttribute("scrolling", "no");
  // Comments sit below the article: the browser loads them as the reader nears them, unless the
  // page asks for them at once (data-loading="eager").
  frame.loading = el.dataset.loading === "eager" ? "eager" : "lazy";
  // The frame's colour scheme is the element's: the same on both sides keeps the frame transparent.
  frame.style.cssText = `display:block;width:100%;height:240px;border:0;overflow:hidden;color-scheme:${theme === "auto" ? "light dark" : theme}`;
  el.appendChild(frame);
  widgets.push({ el, frame, ready: false });
}

function onMessage(event: MessageEvent): void {
  if (event.origin !== service || !isMessage(event.data)) return;
  const w = widgets.find((x) => x.frame.contentWindow === event.source);
  if (!w) return;
  const message = event.data as FrameMessage;
  if (message.type === "ready") {
    w.ready = true;
    const token = pendingToken || w.el.dataset.ssoToken;
    // Without a login callback or URL, a "log in with the site" button could do nothing.
    const siteLogin = Boolean(w.el.dataset.loginCallback || w.el.dataset.loginUrl || api.onLoginRequest);
    send(w, { ns: NS, type: "init", url: canonicalUrl(), title: document.title, siteLogin, ...(token ? { token } : {}) });
  } else if (message.type === "resize" && message.height > 0) {
    w.frame.style.height = `${Math.ceil(message.height)}px`;
  } else if (message.type === "login-request") {
    requestLogin(w);
  } else if (message.type === "logout") {
    // The reader logged out in one widget: the others shared its session, so they end too.
    for (const other of widgets) if (other !== w && other.ready) send(other, { ns: NS, type: "logout" });
    api.onLogout?.();
  } else if (message.type === "rendered") {
    const ms = Math.round(message.at - performance.timeOrigin);
    w.el.dispatchEvent(new CustomEvent("marginalia:rendered", { detail: { ms } }));
  }
}

function requestLogin(w: Widget): void {
  const info = { site: w.el.dataset.site!, article: w.el.dataset.article! };
  const named = w.el.dataset.loginCallback;
  const callback = (named && typeof host[named] === "function" ? host[named] : api.onLoginRequest) as Api["onLoginRequest"];
  if (callback) callback(info);
  else if (w.el.dataset.loginUrl) location.assign(w.el.dataset.loginUrl);
}

const api: Partial<Api> = host.Marginalia ?? {};
Object.assign(api, {
  /** Hands the reader's SSO token (signed by the site's backend) to every widget on the page. */
  login(token: string) {
    pendingToken = token;
    for (const w of widgets) if (w.ready) send(w, { ns: NS, type: "login", token });
  },
  /** Ends the reader's comment session in every widget. */
  logout() {
    pendingToken = undefined;
    for (const w of widgets) if (w.ready) send(w, { ns: NS, type: "logout" });
  },
  /** Mounts widgets added to the page after this script ran. */
  mount(root: ParentNode = document) {
    root.querySelectorAll<HTMLElement>("[data-marginalia]").forEach(mountOne);
  },
});
host.Marginalia = api;

addEventListener("message", onMessage);
// An async script can run before the parser reaches the widget's element.
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => api.mount!());
else api.mount!();
