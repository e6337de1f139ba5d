/**
 * The dashboard once logged in: who and where (site picker, logout), the queues as tabs with
 * their counts, and the settings. Site and view live in the query string, so a reload or a
 * shared link opens the same place.
 */
import { failureText } from "./api";
import { h } from "./dom";
import { label, t } from "./i18n";
import { QueueView } from "./queue";
import { renderImports } from "./imports";
import { renderModerators } from "./moderators";
import { renderSettings } from "./settings";
import { QUEUES, type Caller, type QueueName } from "./types";

type View = QueueName | "settings" | "moderators" | "imports";

let onScreen: QueueView | undefined;
/** The queue on screen, for the keyboard shortcuts (none once the login screen replaced it). */
export const queueOnScreen = () => (onScreen?.element.isConnected ? onScreen : undefined);

/** Only the admin token grants moderators: a moderator's session has no such tab. */
const isAdmin = (caller: Caller) => caller.moderator.type === "admin";

function fromUrl(caller: Caller): { site: string | undefined; view: View } {
  const params = new URLSearchParams(location.search);
  const view = params.get("view");
  const known = view === "settings" || ((view === "moderators" || view === "imports") && isAdmin(caller)) || QUEUES.includes(view as QueueName);
  return {
    site: params.get("site") ?? (caller.sites.length === 1 ? caller.sites[0]!.id : undefined),
    view: known ? (view as View) : "pending",
  };
}

function toUrl(site: string | undefined, view: View): void {
  const params = new URLSearchParams(location.search);
  if (site) params.set("site", site);
  else params.delete("site");
  params.set("view", view);
  history.replaceState(history.state, "", `${location.pathname}?${params}`);
}

export function showDashboard(root: HTMLElement, caller: Caller, onLogout: () => void): void {
  let { site, view } = fromUrl(caller);
  const announcer = h("p", { class: "sr-only", role: "status", "aria-live": "polite" });
  const main = h("main", { id: "main", class: "content", tabIndex: -1 });
  const counts = new Map<QueueName, HTMLElement>(QUEUES.map((q) => [q, h("span", { class: "count" })]));
  const views: View[] = [...QUEUES, "settings", ...(isAdmin(caller) ? (["moderators", "imports"] as const) : [])];
  const tabs = views.map((v) =>
    h(
      "button",
      { type: "button", class: "tab", "data-view": v, on: { click: () => go(site, v) } },
      v === "settings" || v === "moderators" || v === "imports" ? t(v) : label("q_", v),
      counts.get(v as QueueName),
    ),
  );
  const nav = h("nav", { class: "tabs", "aria-label": t("queues") }, ...tabs);
  const picker = h(
    "select",
    { id: "site-picker", on: { change: () => go(picker.value || undefined, view) } },
    h("option", { value: "" }, "—"),
    ...caller.sites.map((s) => h("option", { value: s.id }, `${s.name} (${s.id})`)),
  );
  const who = caller.moderator.user ? t("loggedInAs", { name: caller.moderator.user.name }) : t("admin");
  root.replaceChildren(
    h(
      "header",
      { class: "top" },
      h("h1", {}, t("appTitle")),
      caller.sites.length > 1 ? h("label", { class: "site-picker" }, t("site"), picker) : h("span", { class: "site-name" }, caller.sites[0]?.name ?? ""),
      h("span", { class: "spacer" }),
      h("span", { class: "who" }, who),
      h("button", { type: "button", class: "btn", id: "logout", on: { click: onLogout } }, t("logout")),
    ),
    nav,
    main,
    announcer,
  );

  const announce = (text: string) => {
    // Cleared first, so the same words twice in a row are announced twice.
    announcer.textContent = "";
    requestAnimationFrame(() => (announcer.textContent = text));
  };
  const showCounts = (c: Record<QueueName, number>) => {
    for (const q of QUEUES) counts.get(q)!.textContent = String(c[q]);
  };

  function go(nextSite: string | undefined, nextView: View) {
    site = nextSite;
    view = nextView;
    toUrl(site, view);
    render();
  }

  function render() {
    picker.value = caller.sites.some((s) => s.id === site) ? site! : "";
    nav.hidden = !site;
    for (const tab of tabs) {
      if (tab.dataset.view === view) tab.setAttribute("aria-current", "page");
      else tab.removeAttribute("aria-current");
    }
    onScreen = undefined;
    if (!site) {
      main.replaceChildren(
        h("h2", {}, t("chooseSite")),
        h(
          "ul",
          { class: "site-list" },
          ...caller.sites.map((s) => h("li", {}, h("button", { type: "button", class: "btn", on: { click: () => go(s.id, view) } }, `${s.name} (${s.id})`))),
        ),
      );
      return;
    }
    if (view === "settings") {
      renderSettings(main, caller.sites.find((s) => s.id === site) ?? { id: site, name: site }, isAdmin(caller)).catch((error) =>
        announce(failureText(error, site)),
      );
      return;
    }
    if (view === "imports") {
      renderImports(main, caller.sites.find((s) => s.id === site) ?? { id: site, name: site }, announce);
      return;
    }
    if (view === "moderators") {
      renderModerators(main, caller.sites.find((s) => s.id === site) ?? { id: site, name: site }, announce);
      return;
    }
    const queue = new QueueView({ site, queue: view, onCounts: showCounts, announce });
    onScreen = queue;
    main.replaceChildren(queue.element);
    void queue.load();
  }
  render();
}
