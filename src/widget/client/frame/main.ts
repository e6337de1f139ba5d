/**
 * The widget frame's entry: reads the configuration the server put in the page, restores the
 * reader's session from this origin's storage, waits briefly for the host page's hello (page
 * URL, title, SSO token), then renders the comments and keeps the iframe sized to them.
 */
import type { HostMessage } from "../protocol";
import { API, ApiFailure, call, whenSessionLost } from "./api";
import { signIn, state, ui } from "./app";
import { refreshTimes } from "./comment";
import { h } from "./dom";
import { describe } from "./errors";
import { setLanguage, t } from "./i18n";
import { exchangeOnce } from "./ssoOnce";
import { fetchFirstPage, loadFirstPage } from "./list";
import { loadProviders } from "./providers";
import { store } from "./store";
import { embedded, onHostMessage, reportHeight, toHost } from "./host";
import type { CommentPage, FrameConfig, Sort } from "./types";
import { renderLoadError, wireUi } from "./view";

const HELLO_TIMEOUT_MS = 1500;
/** "3분 전" turns into "4분 전" without a reload; a minute is the finest step shown. */
const TIME_REFRESH_MS = 60_000;

state.config = JSON.parse(document.getElementById("marginalia-config")!.textContent!) as FrameConfig;
setLanguage(state.config.lang);
// The host's colour (data-accent), through the CSSOM: the frame's CSP allows no inline style.
if (state.config.accent) document.documentElement.style.setProperty("--accent", state.config.accent);
store.open(state.config.site);
state.me = store.session()?.user ?? null;

const root = document.getElementById("marginalia")!;
const live = h("p", { class: "m-live", role: "status" });
document.body.prepend(live);

/** The `sub` claim of an SSO token, read (not verified: the API verifies) to spot a new reader. */
function subjectOf(token: string): string {
  try {
    const payload = token.split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/");
    return String((JSON.parse(atob(payload)) as { sub?: unknown }).sub ?? "");
  } catch {
    return "";
  }
}

async function reload(fetched?: Promise<CommentPage>): Promise<void> {
  try {
    await loadFirstPage(await fetched);
  } catch (error) {
    // A session that ended elsewhere was just forgotten (whenSessionLost): read as a visitor.
    if (error instanceof ApiFailure && error.code === "invalid_session") return reload();
    renderLoadError(root, describe(error));
  }
}

/** Exchanges the host's SSO token for a session, unless this reader (or a sibling widget) already has one. */
async function login(token: string): Promise<void> {
  const sub = subjectOf(token);
  if (sub && store.session()?.sub === sub) return;
  try {
    signIn(await exchangeOnce(state.config.site, token), sub);
  } catch (error) {
    ui.say(describe(error));
  }
}

/** Ends the session here; `revoke` false when the server already did (logged out everywhere, account deleted). */
async function logout(fromReader: boolean, revoke = true): Promise<void> {
  if (revoke && store.session()) await call("POST", "/auth/logout").catch(() => {});
  store.setSession(null);
  state.me = null;
  state.unread = 0;
  if (fromReader) toHost({ type: "logout" });
  await reload();
}

whenSessionLost(() => {
  store.setSession(null);
  state.me = null;
  ui.all();
  ui.say(t("expired"));
});

wireUi(root, live, {
  logout: () => void logout(true),
  changeSort(sort: Sort) {
    state.sort = sort;
    void reload().then(() => document.getElementById("m-sort")?.focus());
  },
});
// When the reader asked to log in from here, the text box gets the focus once they are in
// (and only then: a login the host starts by itself must not pull the focus into the frame).
let readerAskedLogin = false;
ui.askLogin = () => {
  readerAskedLogin = true;
  toHost({ type: "login-request" });
};
ui.reload = () => reload();
ui.ended = () => logout(true, false);

let hello: (message?: HostMessage) => void;
const greeted = new Promise<HostMessage | undefined>((resolve) => (hello = resolve));
onHostMessage(async (message) => {
  if (message.type === "init") {
    state.page = { url: message.url, title: message.title };
    state.siteLogin = message.siteLogin !== false;
    if (message.token) await login(message.token);
    hello(message);
  } else if (message.type === "login") {
    await login(message.token);
    await reload();
    if (readerAskedLogin && state.me) ui.focusComposer();
    readerAskedLogin = false;
  } else if (message.type === "logout") {
    await logout(false);
  }
});

// A session that cannot outlive the page (storage denied) is revoked when the page goes,
// rather than left valid for 30 days; a page kept in the back/forward cache keeps it.
addEventListener("pagehide", (event) => {
  const session = store.session();
  if (store.persistent() || event.persisted || !session) return;
  void fetch(`${API}/auth/logout`, { method: "POST", keepalive: true, headers: { Authorization: `Bearer ${session.session}` } }).catch(() => {});
});

reportHeight();
if (embedded()) {
  toHost({ type: "ready" });
  setTimeout(hello!, HELLO_TIMEOUT_MS);
} else hello!();

// Page 1 is fetched while the host says hello; fetched again only if the hello logged a new
// reader in (their own pending comments and reactions differ).
const sessionAtStart = store.session()?.session;
const early = fetchFirstPage();
early.catch(() => {});
const providers = loadProviders();
void greeted.then(async () => {
  await providers;
  await reload(store.session()?.session === sessionAtStart ? early : undefined);
  performance.mark("marginalia:rendered");
  toHost({ type: "rendered", at: performance.timeOrigin + performance.now() });
});

setInterval(() => document.hidden || refreshTimes(), TIME_REFRESH_MS);
