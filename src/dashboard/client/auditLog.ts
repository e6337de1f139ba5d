/** The audit log of one comment or one user, newest first, in a dialog with "older entries". */
import { call, enc, failureText } from "./api";
import { openDialog } from "./dialog";
import { dateTime, h } from "./dom";
import { label, t } from "./i18n";
import type { AuditEntry } from "./types";

const PAGE = 20;

function actorOf(entry: AuditEntry): string {
  if (entry.actorType === "moderator") return t("actor_moderator", { id: entry.actorId ?? "?" });
  return entry.actorType === "admin" ? t("actor_admin") : t("actor_system");
}

function valueText(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : value.toFixed(2);
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** `{ toxicity: 0.8213, until: null }` as "toxicity: 0.82 · until: —". */
function detailsText(details: AuditEntry["details"]): string {
  return details
    ? Object.entries(details)
        .map(([key, value]) => `${key}: ${valueText(value)}`)
        .join(" · ")
    : "";
}

function renderEntry(entry: AuditEntry): HTMLLIElement {
  const statuses = entry.statusBefore || entry.statusAfter ? `${label("s_", entry.statusBefore ?? "—")} → ${label("s_", entry.statusAfter ?? "—")}` : "";
  const details = detailsText(entry.details);
  return h(
    "li",
    { class: "entry", "data-action": entry.action },
    h("time", { dateTime: entry.createdAt }, dateTime(entry.createdAt)),
    h("strong", {}, label("a_", entry.action)),
    h("span", { class: "meta" }, actorOf(entry)),
    statuses && h("span", { class: "meta" }, statuses),
    entry.reason && h("span", { class: "reason" }, entry.reason),
    details && h("span", { class: "meta" }, details),
  );
}

/** Opens the log of a comment (`commentId`) or a user (`userId`) of the site. */
export function openAuditLog(site: string, filter: { commentId: string } | { userId: string }, title: string): Promise<boolean> {
  const list = h("ol", { class: "log" });
  const status = h("p", { class: "meta", role: "status" }, t("loading"));
  const more = h("button", { type: "button", class: "btn", hidden: true }, t("moreLog"));
  let cursor: string | null = null;

  async function loadPage() {
    more.disabled = true;
    const query = new URLSearchParams({ ...filter, limit: String(PAGE) });
    if (cursor) query.set("cursor", cursor);
    try {
      const page = await call<{ entries: AuditEntry[]; nextCursor: string | null }>("GET", `/sites/${enc(site)}/moderation/log?${query}`);
      const firstNew = page.entries.length ? renderEntry(page.entries[0]!) : undefined;
      list.append(...(firstNew ? [firstNew] : []), ...page.entries.slice(1).map(renderEntry));
      cursor = page.nextCursor;
      status.textContent = list.childElementCount ? "" : t("logEmpty");
      // After "older entries", the first new entry takes the focus so reading goes on from there.
      if (firstNew && list.childElementCount > page.entries.length) {
        firstNew.tabIndex = -1;
        firstNew.focus();
      }
    } catch (error) {
      status.textContent = failureText(error);
    } finally {
      more.disabled = false;
      more.hidden = cursor === null;
    }
  }
  more.addEventListener("click", () => void loadPage());
  void loadPage();
  return openDialog({ title, class: "log-dialog", body: [status, list, more] });
}
