/**
 * Modal dialogs (native <dialog>): focus moves in, Tab and Shift+Tab cycle inside (also at the
 * frame's edges, where the browser would hand focus to the host page), Escape cancels, and
 * focus returns to the control that opened it. The frame is as tall as its content, so the
 * dialog is placed next to that control instead of in the middle of the frame.
 */
import { FOCUSABLE, keepTabInside } from "../../../browser/focusTrap";
import { h } from "./dom";
import { t } from "./i18n";


export interface DialogParts {
  title: string;
  body: Node[];
  confirm: string;
  /** Resolves true to close the dialog; false keeps it open (an error was shown inside). */
  onConfirm: (form: HTMLFormElement) => Promise<boolean> | boolean;
}

let counter = 0;

/** Opens a dialog next to `opener`; resolves when it closes (true if confirmed). */
export function openDialog(opener: HTMLElement, parts: DialogParts): Promise<boolean> {
  const id = `m-dialog-${++counter}`;
  const submit = h("button", { type: "submit", class: "m-btn m-primary" }, parts.confirm);
  const form = h(
    "form",
    { method: "dialog" },
    h("h2", { id, class: "m-dialog-title" }, parts.title),
    ...parts.body,
    h("div", { class: "m-dialog-actions" }, h("button", { type: "button", class: "m-btn", on: { click: () => close(false) } }, t("cancel")), submit),
  );
  const dialog = h("dialog", { class: "m-dialog", "aria-labelledby": id, "aria-modal": "true" }, form);
  document.body.appendChild(dialog);

  let done: (ok: boolean) => void;
  const result = new Promise<boolean>((resolve) => (done = resolve));
  function close(ok: boolean) {
    if (!dialog.open) return;
    dialog.close();
    dialog.remove();
    document.body.style.minHeight = "";
    if (opener.isConnected) opener.focus();
    done(ok);
  }
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    submit.disabled = true;
    const ok = await parts.onConfirm(form);
    submit.disabled = false;
    if (ok) close(true);
  });
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    close(false);
  });
  keepTabInside(dialog);

  dialog.showModal();
  const top = Math.max(8, opener.getBoundingClientRect().top + scrollY - 40);
  dialog.style.top = `${top}px`;
  // Grow the frame if the dialog reaches past the content, so it is never cut off.
  document.body.style.minHeight = `${top + dialog.offsetHeight + 16}px`;
  (dialog.querySelector<HTMLElement>("[autofocus]") ?? dialog.querySelector<HTMLElement>(FOCUSABLE))?.focus();
  return result;
}

/** Closes the dialog that `inside` is part of, as Escape would (an action in it ended its purpose). */
export const closeDialogOf = (inside: Element) => inside.closest("dialog")?.dispatchEvent(new Event("cancel"));
