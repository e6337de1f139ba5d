/**
 * Finds a site's users by the start of their display name (or their id) through the admin API,
 * and makes one a moderator. Results come in keyset pages: "Load more" follows the cursor.
 */
import { call, enc, failureText } from "./api";
import { h } from "./dom";
import { editBadges } from "./highlights";
import { t } from "./i18n";
import type { AdminUser, Site } from "./types";

/** "sso:<site>" is the site's own login; social providers read as their names. */
const providerName = (provider: string) => (provider.startsWith("sso:") ? "SSO" : provider);

export function userSearch(site: Site, onGranted: (user: AdminUser) => Promise<void>): { element: HTMLElement; refresh: () => void } {
  const input = h("input", { type: "search", id: "user-query", name: "q", autocomplete: "off", maxLength: 100 });
  const status = h("p", { class: "status", role: "status" });
  const results = h("ul", { class: "people", "aria-labelledby": "find-title" });
  const more = h("button", { type: "button", class: "btn", hidden: true, on: { click: () => void load(true) } }, t("loadMore"));
  let query = "";
  let cursor: string | null = null;

  async function load(append: boolean): Promise<void> {
    const params = new URLSearchParams({ q: query, limit: "20", ...(append && cursor ? { cursor } : {}) });
    status.textContent = t("loading");
    try {
      const page = await call<{ users: AdminUser[]; nextCursor: string | null }>("GET", `/admin/sites/${enc(site.id)}/users?${params}`);
      cursor = page.nextCursor;
      if (append) results.append(...page.users.map(row));
      else results.replaceChildren(...page.users.map(row));
      status.textContent = results.childElementCount ? "" : t("noUsers");
      more.hidden = !cursor;
    } catch (error) {
      status.textContent = failureText(error, site.id);
    }
  }

  function row(user: AdminUser): HTMLElement {
    const grant = h("button", { type: "button", class: "btn primary", "aria-label": t("makeModeratorOf", { name: user.name }) }, t("makeModerator"));
    grant.addEventListener("click", async () => {
      grant.disabled = true;
      try {
        await call("POST", `/admin/sites/${enc(site.id)}/moderators`, { userId: user.id });
        // The button is gone: the focus moves to what replaced it, not back to the page's top.
        const granted = row({ ...user, moderator: true, granted: true });
        line.replaceWith(granted);
        granted.querySelector<HTMLElement>(".badge")?.focus();
        await onGranted(user);
      } catch (error) {
        grant.disabled = false;
        status.textContent = failureText(error, site.id);
      }
    });
    const badges = h("button", { type: "button", class: "btn", "aria-label": t("badgesOf", { name: user.name }) }, t("badges"));
    badges.addEventListener("click", async () => {
      const shown = await editBadges(site.id, user);
      if (shown) status.textContent = t("badgesSaved", { name: user.name, list: shown.join(", ") || t("noBadges") });
    });
    const line = h(
      "li",
      { class: "person", "data-user": user.id },
      h(
        "div",
        {},
        h("strong", {}, user.name),
        " ",
        h("code", { class: "muted" }, user.id),
        h("p", { class: "meta" }, t("providers", { list: user.providers.map(providerName).join(", ") }), " · ", t("history", user.counts)),
      ),
      h("span", { class: "person-actions" }, user.moderator ? h("span", { class: "badge", tabIndex: -1 }, t("isModerator")) : grant, badges),
    );
    return line;
  }

  const form = h(
    "form",
    { role: "search", class: "user-search", "aria-labelledby": "find-title" },
    h("label", { htmlFor: input.id }, t("userQuery")),
    input,
    h("button", { type: "submit", class: "btn" }, t("search")),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    query = input.value.trim();
    cursor = null;
    void load(false);
  });
  const element = h("section", { class: "find-users" }, h("h3", { id: "find-title" }, t("findUsers")), form, status, results, more);
  return { element, refresh: () => void (results.childElementCount ? load(false) : undefined) };
}
