/**
 * The admin's "Moderators" view of a site: the granted moderators, each removable after a
 * confirmation, and a user search to grant more (see userSearch.ts).
 */
import { call, enc, failureText } from "./api";
import { openDialog } from "./dialog";
import { dateTime, h } from "./dom";
import { t } from "./i18n";
import type { Moderator, Site } from "./types";
import { userSearch } from "./userSearch";

export function renderModerators(container: HTMLElement, site: Site, announce: (text: string) => void): void {
  const base = `/admin/sites/${enc(site.id)}/moderators`;
  const status = h("p", { class: "status", role: "status" }, t("loading"));
  const heading = h("h3", { id: "granted-title", tabIndex: -1 }, t("grantedModerators"));
  const list = h("ul", { class: "people", "aria-labelledby": "granted-title" });

  async function load(): Promise<void> {
    try {
      const { moderators } = await call<{ moderators: Moderator[] }>("GET", base);
      status.textContent = moderators.length ? "" : t("noModerators");
      list.replaceChildren(...moderators.sort((a, b) => a.name.localeCompare(b.name)).map(row));
    } catch (error) {
      status.textContent = failureText(error, site.id);
    }
  }

  function row(m: Moderator): HTMLElement {
    const remove = h(
      "button",
      { type: "button", class: "btn danger", "aria-label": t("removeModeratorOf", { name: m.name }), on: { click: () => void confirmRemove(m) } },
      t("removeModerator"),
    );
    return h(
      "li",
      { class: "person", "data-user": m.userId },
      h(
        "div",
        {},
        h("strong", {}, m.name),
        " ",
        h("code", { class: "muted" }, m.userId),
        h("p", { class: "meta" }, t("grantedOn", { when: dateTime(m.createdAt) })),
      ),
      remove,
    );
  }

  async function confirmRemove(m: Moderator): Promise<void> {
    const removed = await openDialog({
      title: t("removeTitle", { name: m.name }),
      body: [h("p", {}, t("removeWarning"))],
      confirm: { label: t("removeModerator"), danger: true, run: () => call("DELETE", `${base}/${enc(m.userId)}`) },
    });
    if (!removed) return;
    announce(t("removed", { name: m.name }));
    await load();
    // The row (and its button, the dialog's opener) is gone: the focus goes to the list's heading.
    heading.focus();
    search.refresh();
  }

  const search = userSearch(site, async (user) => {
    announce(t("madeModerator", { name: user.name }));
    await load();
  });
  container.replaceChildren(
    h("h2", { tabIndex: -1, class: "view-title" }, t("moderatorsTitle", { site: site.name })),
    h("section", { class: "moderators" }, heading, status, list),
    search.element,
  );
  void load();
}
