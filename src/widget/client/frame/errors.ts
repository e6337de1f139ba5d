/** A refused request in the reader's words. */
import { ApiFailure } from "./api";
import { clock, duration } from "./dom";
import { reasonLabel, t } from "./i18n";

const reasonsOf = (e: ApiFailure) =>
  ((e.details.reasons as { code: string }[] | undefined) ?? []).map((r) => reasonLabel(r.code)).join(", ") || reasonLabel("other");

/** Seconds to wait after a 429: Retry-After, else the body's `retryAfter`. */
export const waitOf = (e: ApiFailure) => Math.max(1, e.retryAfter || Number(e.details.retryAfter) || 1);

export function describe(error: unknown): string {
  if (!(error instanceof ApiFailure)) return t("failed", { code: "client" });
  switch (error.code) {
    case "network":
      return t("network");
    case "rate_limited": {
      const wait = waitOf(error);
      return t("tooOften", { wait: duration(wait), at: clock(Date.now() + wait * 1000) });
    }
    case "comment_rejected":
      return t("rejected", { reasons: reasonsOf(error) });
    case "needs_confirmation": {
      const masked = error.details.publicBody;
      return typeof masked === "string" ? t("confirmMasked", { text: masked }) : t("confirmNeeded", { reasons: reasonsOf(error) });
    }
    case "banned": {
      const until = error.details.until as string | null | undefined;
      return until ? t("bannedUntil", { until: new Date(until).toLocaleString() }) : t("banned");
    }
    case "too_many_pins":
      return t("tooManyPins");
    case "article_closed":
      return t("closed");
    case "edit_window_passed":
      return t("windowPassed");
    // Only invisible characters: nothing a reader would see.
    case "empty_body":
      return t("emptyBody");
    case "invalid_session":
    case "unauthenticated":
    // A token the host handed again after it was spent (each SSO token logs in once).
    case "token_replayed":
      return t("expired");
    default:
      return t("failed", { code: error.code });
  }
}
