/**
 * The moderator dashboard at /moderate: a login (admin token, SSO token, a hand-off in the URL
 * fragment, or a social account), then the queues of the sites the caller moderates.
 */
import { whenSessionLost } from "./api";
import { clearCredentials, loadCredentials, takeHandoff } from "./credentials";
import { lang, t } from "./i18n";
import { installShortcuts } from "./keyboard";
import { logOut, loginWithSso, showLogin } from "./login";
import { queueOnScreen, showDashboard } from "./shell";
import type { Caller } from "./types";
import { LoginRefused, verifyCredentials } from "./verify";

const root = document.getElementById("app")!;

function enter(caller: Caller): void {
  showDashboard(root, caller, () => {
    void logOut(loadCredentials()).then(() => showLogin(root, enter));
  });
}

function refused(error: unknown, site?: string): void {
  showLogin(root, enter, { error: error instanceof LoginRefused ? error.message : t("failed", { code: "client" }), site });
}

async function start(): Promise<void> {
  document.documentElement.lang = lang;
  document.title = t("appTitle");
  installShortcuts(queueOnScreen);
  whenSessionLost(() => void logOut(undefined).then(() => showLogin(root, enter, { error: t("expired") })));

  const handoff = takeHandoff();
  if (handoff) {
    // A new hand-off replaces whoever was logged in in this tab.
    await logOut(loadCredentials());
    return loginWithSso(handoff.site, handoff.sso).then(enter, (error) => refused(error, handoff.site));
  }
  const stored = loadCredentials();
  if (!stored) return showLogin(root, enter);
  // Stored credentials are checked again: a session may have expired or lost its role.
  return verifyCredentials(stored).then(enter, (error) => {
    // Unreachable is no reason to forget them: a reload may work.
    if (!(error instanceof LoginRefused) || error.reason !== "unreachable") clearCredentials();
    if (error instanceof LoginRefused && error.reason === "bad_token") showLogin(root, enter, { error: t("expired") });
    else refused(error);
  });
}

void start();
