/** The queue's toolbar: select all on the page, decide the selected comments at once, refresh, shortcuts. */
import { h } from "./dom";
import { t } from "./i18n";
import { showShortcuts } from "./keyboard";
import type { Decision, QueueItem, QueueName } from "./types";

export interface BulkBar {
  element: HTMLElement;
  /** Re-reads the selection: the count, the "all" box (mixed when some), the buttons. */
  update(): void;
}

interface BulkSource {
  total(): number;
  selected(): QueueItem[];
  selectAll(on: boolean): void;
  run(decision: Decision, items: QueueItem[]): void;
  refresh(): void;
}

/** What can be done to a whole selection in each queue (a decision that applies to every item in it). */
const bulkDecisions: Record<QueueName, Decision[]> = {
  pending: ["approve", "reject"],
  reported: ["approve", "reject"],
  rejected: ["restore"],
  approved: ["reject"],
};

const buttonText: Record<Decision, Parameters<typeof t>[0]> = { approve: "approveSelected", reject: "rejectSelected", restore: "restoreSelected" };

export function bulkBar(queue: QueueName, source: BulkSource): BulkBar {
  const all = h("input", { type: "checkbox", id: "select-all" });
  const count = h("span", { class: "meta", "aria-live": "polite" });
  const buttons = bulkDecisions[queue].map((decision) =>
    h(
      "button",
      {
        type: "button",
        class: `btn ${decision === "reject" ? "danger" : "primary"}`,
        "data-bulk": decision,
        on: { click: () => source.run(decision, source.selected()) },
      },
      t(buttonText[decision]),
    ),
  );
  function update() {
    const selected = source.selected().length;
    const total = source.total();
    all.checked = total > 0 && selected === total;
    all.indeterminate = selected > 0 && selected < total;
    all.disabled = total === 0;
    count.textContent = t("selected", { n: selected });
    for (const button of buttons) button.disabled = selected === 0;
  }
  all.addEventListener("change", () => {
    source.selectAll(all.checked);
    update();
  });
  const element = h(
    "div",
    { class: "toolbar", role: "group", "aria-label": t("bulkActions") },
    h("label", { class: "check" }, all, t("selectAll")),
    count,
    ...buttons,
    h("span", { class: "spacer" }),
    h("button", { type: "button", class: "btn link", on: { click: () => source.refresh() } }, t("refresh")),
    h("button", { type: "button", class: "btn link", "aria-keyshortcuts": "?", on: { click: () => showShortcuts() } }, `${t("shortcuts")} (?)`),
  );
  update();
  return { element, update };
}
