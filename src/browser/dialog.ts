/**
 * The modal dialog both pages use (native <dialog>, so the rest of the page is inert): the focus
 * moves in, Tab and Shift+Tab cycle inside, Escape cancels, and the focus goes back to the
 * opener. A confirmation runs with the confirm button disabled; when it fails the dialog stays
 * open and says why. Each page brings its words and its class prefix: its stylesheet styles
 * `<prefix>dialog`, `-dialog-title`, `-dialog-actions`, `-btn`, `-primary`, `-danger` and
 * `-error` (a line it hides while empty).
 */
import { type Child, h } from "./dom";
import { FOCUSABLE, keepTabInside } from "./focusTrap";

export interface DialogOptions {
  /** The page's class prefix: "m-" in the reader widget, none in the dashboard. */
  prefix: string;
  title: string;
  body: Child[];
  /** Extra classes of the <dialog>. */
  class?: string;
  /** Gets the focus back when the dialog closes. */
  opener: HTMLElement | null;
  /** The cancel button's words ("Cancel", or "Close" when there is nothing to confirm). */
  cancel: string;
  /**
   * The confirm button. `run` resolving false keeps the dialog open; a throw keeps it open and
   * shows `failure(error)`; anything else closes it as confirmed.
   */
  confirm?: { label: string; danger?: boolean; run(form: HTMLFormElement): unknown };
  /** Why a confirmation failed, in the page's words. */
  failure(error: unknown): string;
  /** Runs once the dialog is shown, before the focus moves in (say, to place it). */
  shown?(dialog: HTMLDialogElement): void;
  /** Runs when it closes, before the focus goes back. */
  closed?(): void;
}

let counter = 0;

/**
 * Opens a dialog; resolves when it closes (true if confirmed). The control marked
 * `data-autofocus`, else the first focusable one, takes the focus.
 *
 * @example
 * const deleted = await showDialog({ prefix: "m-", title, body: [text], opener, cancel: t("cancel"), failure: describe, confirm: { label: t("delete"), run: () => call("DELETE", path) } });
 */
export function showDialog(options: DialogOptions): Promise<boolean> {
  const { prefix: p, confirm, opener } = options;
  const titleId = `${p}dialog-title-${++counter}`;
  const error = h("p", { class: `${p}error`, role: "alert" });
  const submit = confirm && h("button", { type: "submit", class: `${p}btn ${p}${confirm.danger ? "danger" : "primary"}` }, confirm.label);
  const form = h(
    "form",
    { method: "dialog", class: `${p}dialog-form` },
    h("h2", { id: titleId, class: `${p}dialog-title` }, options.title),
    ...options.body,
    confirm && error,
    h("div", { class: `${p}dialog-actions` }, h("button", { type: "button", class: `${p}btn`, on: { click: () => close(false) } }, options.cancel), submit),
  );
  const dialog = h("dialog", { class: `${p}dialog ${options.class ?? ""}`, "aria-labelledby": titleId, "aria-modal": "true" }, form);
  document.body.appendChild(dialog);

  let done: (ok: boolean) => void = () => {};
  const result = new Promise<boolean>((resolve) => (done = resolve));
  function close(ok: boolean) {
    if (!dialog.open) return;
    dialog.close();
    dialog.remove();
    options.closed?.();
    if (opener?.isConnected) opener.focus();
    done(ok);
  }
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!confirm || !submit || submit.disabled) return;
    submit.disabled = true;
    let ok = false;
    try {
      ok = (await confirm.run(form)) !== false;
    } catch (failure) {
      error.textContent = options.failure(failure);
    }
    submit.disabled = false;
    if (ok) close(true);
  });
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    close(false);
  });
  keepTabInside(dialog);

  dialog.showModal();
  options.shown?.(dialog);
  (dialog.querySelector<HTMLElement>("[data-autofocus]") ?? dialog.querySelector<HTMLElement>(FOCUSABLE))?.focus();
  return result;
}
