/**
 * The dialogs a card opens — delete and report — loaded on demand (`import()`), so the first
 * load carries none of the dialog code.
 */
import { ApiFailure, call, enc } from "./api";
import { loggedIn, ui } from "./app";
import { openDialog } from "./dialog";
import { h } from "./dom";
import { t } from "./i18n";
import { removeComment } from "./list";
import { store } from "./store";
import type { Comment } from "./types";

const reportReasons = ["spam", "abuse", "hate", "sexual", "privacy", "misinformation", "other"] as const;

/** Deletes after the reader confirms that it cannot be undone. */
export async function askDelete(c: Comment, opener: HTMLElement): Promise<void> {
  const confirmed = await openDialog(opener, {
    title: t("deleteTitle"),
    body: [h("p", { class: "m-dialog-text" }, t("deleteConfirm"))],
    confirm: t("delete"),
    onConfirm: () => call("DELETE", `/comments/${enc(c.id)}`),
  });
  if (!confirmed) return;
  removeComment(c);
  document.getElementById("m-title")?.focus();
}

/** Reports with a reason; the comment is hidden for this reader at once. */
export async function askReport(c: Comment, opener: HTMLElement): Promise<void> {
  if (!loggedIn(c.id)) return;
  const reasons = reportReasons.map((reason, i) =>
    h(
      "label",
      { class: "m-choice" },
      h("input", { type: "radio", name: "reason", value: reason, required: true, "data-autofocus": i === 0 }),
      t(`r_${reason}`),
    ),
  );
  const confirmed = await openDialog(opener, {
    title: t("reportTitle"),
    body: [
      h("fieldset", { class: "m-reasons" }, h("legend", {}, t("reportReason")), ...reasons),
      h("label", { class: "m-label", htmlFor: "m-report-note" }, t("reportNote")),
      h("textarea", { id: "m-report-note", name: "note", rows: 2, maxLength: 1000 }),
    ],
    confirm: t("report"),
    async onConfirm(form) {
      const data = new FormData(form);
      const note = String(data.get("note") ?? "").trim();
      try {
        await call("POST", `/comments/${enc(c.id)}/reports`, { reason: data.get("reason"), ...(note ? { note } : {}) });
      } catch (e) {
        // Reported before (say, in another tab): what the reader wanted is done.
        if (!(e instanceof ApiFailure && e.code === "already_reported")) throw e;
      }
    },
  });
  if (!confirmed) return;
  store.addReported(c.id);
  ui.card(c.id);
  ui.say(t("reportDone"), c.id);
}
