/** Whether credentials (new or stored) moderate anything: the one check every way of logging in ends with. */
import { ApiFailure, call, failureText } from "./api";
import { saveCredentials, type Credentials } from "./credentials";
import { t } from "./i18n";
import type { Caller } from "./types";

/** A login that did not work: why (for the code) and the words to say it (for the moderator). */
export class LoginRefused extends Error {
  constructor(
    readonly reason: "unreachable" | "not_moderator" | "bad_token" | "no_site" | "social_failed",
    message: string,
  ) {
    super(message);
  }
}

/** Checks credentials (new or stored) against the API and keeps them when they moderate something. */
export async function verifyCredentials(credentials: Credentials): Promise<Caller> {
  try {
    const caller = await call<Caller>("GET", "/moderation/sites", undefined, { token: credentials.token });
    saveCredentials(credentials);
    return caller;
  } catch (error) {
    if (!(error instanceof ApiFailure) || error.code === "network") throw new LoginRefused("unreachable", failureText(error));
    if (error.status === 403) {
      // A session that moderates nothing is of no use here: end it rather than leave it lying around.
      if (credentials.kind === "session") await call("POST", "/auth/logout", undefined, { token: credentials.token }).catch(() => undefined);
      throw new LoginRefused("not_moderator", t("notModerator"));
    }
    throw new LoginRefused("bad_token", credentials.kind === "admin" ? t("badAdminToken") : t("badToken"));
  }
}
