/**
 * Pins (고정, at most 3 per article), features (추천) and moderator-given badges (배지) from the
 * dashboard, through the same API the widget's moderators use (README "Pinned, featured, badges").
 */
import { ApiFailure, call, enc, failureText } from "./api";
import { openDialog } from "./dialog";
import { errorLine, field, h } from "./dom";
import { t } from "./i18n";
import type { ModeratedComment, QueueItem } from "./types";

export type Highlight = "pin" | "feature";

/** Only a published top-level comment can be pinned or featured (the API answers 422 otherwise). */
export const highlightable = (c: ModeratedComment) => c.status === "published" && c.parentId === null;

/** Pins or features the comment, or undoes it; resolves with the comment after, or the words for the failure. */
export async function toggleHighlight(
  item: QueueItem,
  kind: Highlight,
  nameOf: (id: string) => string,
): Promise<{ comment: ModeratedComment } | { error: string; pinned?: string[] }> {
  const on = kind === "pin" ? !item.comment.pinned : !item.comment.featured;
  try {
    return await call<{ comment: ModeratedComment }>(on ? "POST" : "DELETE", `/moderation/comments/${enc(item.comment.id)}/${kind}`);
  } catch (error) {
    if (error instanceof ApiFailure && error.code === "too_many_pins") {
      // details.pinned: the article's pins now, named by their text when they are on the page.
      const pinned = (error.details as { pinned?: string[] } | undefined)?.pinned ?? [];
      return { error: t("tooManyPins", { n: pinned.length, ids: pinned.map(nameOf).join(", ") }), pinned };
    }
    if (error instanceof ApiFailure && error.code === "not_pinnable") return { error: t("notPinnable") };
    return { error: failureText(error) };
  }
}

const MAX_BADGES = 3;
const MAX_BADGE_LENGTH = 20;

/** The badges typed as "기자, 전문가": trimmed, empty ones dropped; or what is wrong with them. */
function parseBadges(text: string): { badges: string[] } | { error: string } {
  const badges = text
    .split(",")
    .map((b) => b.trim())
    .filter(Boolean);
  if (badges.length > MAX_BADGES) return { error: t("tooManyBadges", { n: MAX_BADGES }) };
  const long = badges.find((b) => [...b].length > MAX_BADGE_LENGTH);
  if (long) return { error: t("badgeTooLong", { badge: long, n: MAX_BADGE_LENGTH }) };
  return { badges };
}

/** A user's badges as the API gives them: shown next to the name, and those moderators gave. */
interface UserBadges {
  badges: string[];
  grantedBadges: string[];
}

/**
 * Asks for the badges moderators give a user (they replace the earlier ones; empty removes
 * them) and saves them; resolves with the badges shown next to the name, or undefined when
 * cancelled. The dialog opens at once and fills in the user's current badges as they arrive;
 * nothing can be saved before they have (a save would replace badges nobody saw).
 */
export async function editBadges(site: string, user: { id: string; name: string }): Promise<string[] | undefined> {
  const path = `/sites/${enc(site)}/users/${enc(user.id)}/badges`;
  const input = h("input", {
    type: "text",
    name: "badges",
    autocomplete: "off",
    maxLength: 100,
    "data-autofocus": true,
    readOnly: true,
    placeholder: t("loading"),
  });
  const fromLogin = h("p", { class: "hint", hidden: true });
  const problem = errorLine();
  let current: UserBadges | undefined;
  const loaded = call<{ user: UserBadges }>("GET", path).then(
    ({ user: found }) => {
      current = found;
      input.value = found.grantedBadges.join(", ");
      input.readOnly = false;
      input.placeholder = "";
      // The SSO claim's badges are shown too, but only the site's login changes them.
      const claimed = found.badges.filter((b) => !found.grantedBadges.includes(b));
      fromLogin.textContent = t("badgesFromLogin", { list: claimed.join(", ") });
      fromLogin.hidden = claimed.length === 0;
    },
    (error: unknown) => {
      problem.textContent = failureText(error, site);
    },
  );
  let shown: string[] | undefined;
  const ok = await openDialog({
    title: t("badgesTitle", { name: user.name }),
    body: [field(t("badgesField"), input, t("badgesHint", { n: MAX_BADGES, max: MAX_BADGE_LENGTH })), fromLogin, problem],
    confirm: {
      label: t("save"),
      run: async () => {
        await loaded;
        if (!current) return false;
        const parsed = parseBadges(input.value);
        if ("error" in parsed) {
          problem.textContent = parsed.error;
          return false;
        }
        try {
          shown = (await call<{ user: UserBadges }>("PUT", path, { badges: parsed.badges })).user.badges;
        } catch (error) {
          // The API's own check (visible text, length) has the last word.
          problem.textContent = error instanceof ApiFailure && error.status === 400 ? t("badgesInvalid") : failureText(error, site);
          return false;
        }
      },
    },
  });
  return ok ? shown : undefined;
}
