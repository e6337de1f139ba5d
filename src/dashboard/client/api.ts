/**
 * The API as the dashboard calls it (src/browser/api.ts): with the stored credentials (admin
 * token or session), never cached; a 401 for them means they no longer work.
 */
import { apiClient, ApiFailure } from "../../browser/api";
import { loadCredentials } from "./credentials";
import { t } from "./i18n";

export { API, ApiFailure, enc } from "../../browser/api";

export const { call, whenSessionLost } = apiClient({
  session: () => loadCredentials()?.token,
  ended: (failure) => failure.status === 401,
  cache: "no-store",
});

/** A failure in the moderator's language; with `site`, a 403 or 404 says which site is out of reach. */
export function failureText(error: unknown, site?: string): string {
  if (!(error instanceof ApiFailure)) return t("failed", { code: "client" });
  if (error.code === "network") return t("network");
  if (site && error.status === 403) return t("notModeratorOf", { site });
  if (site && error.code === "site_not_found") return t("noSite", { site });
  if (error.code === "import_in_use") return t("importInUse");
  return t("failed", { code: error.code });
}
