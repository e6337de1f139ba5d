/**
 * Modal dialogs (native <dialog>, so the rest of the page is inert): the focus moves in, Tab
 * cycles inside, Escape cancels, and the focus goes back to what had it before.
 */
import { FOCUSABLE, keepTabInside } from "../../browser/focusTrap";
import { h, type Child } from "./dom";
import { t } from "./i18n";

export interface DialogOptions {
  title: string;
  body: Child[];
  /** With a confirm button: resolves true to close, false to stay open (an error was shown inside). */
  confirm?: { label: string; danger?: boolean; run: (form: HTMLFormElement) => Promise<boolean> };
  class?: string;
}

let counter = 0;

/** Opens a dialog; resolves when it closes (true if confirmed). */
export function openDialog(options: DialogOptions): Promise<boolean> {
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const titleId = `dialog-title-${++counter}`;
  const submit = options.confirm && h("button", { type: "submit", class: options.confirm.danger ? "btn danger" : "btn primary" }, options.confirm.label);
  const form = h(
    "form",
    { class: "dialog-form", noValidate: true },
    h("h2", { id: titleId }, options.title),
    ...options.body,
    h("div", { class: "dialog-actions" }, h("button", { type: "button", class: "btn", on: { click: () => close(false) } }, options.confirm ? t("cancel") : t("close")), submit),
  );
  const dialog = h("dialog", { class: `dialog ${options.class ?? ""}`, "aria-labelledby": titleId }, form);
  document.body.appendChild(dialog);

  let done: (ok: boolean) => void = () => {};
  const closed = new Promise<boolean>((resolve) => (done = resolve));
  function close(ok: boolean) {
    if (!dialog.open) return;
    dialog.close();
    dialog.remove();
    if (opener?.isConnected) opener.focus();
    done(ok);
  }
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!options.confirm || !submit || submit.disabled) return;
    submit.disabled = true;
    const ok = await options.confirm.run(form).finally(() => (submit.disabled = false));
    if (ok) close(true);
  });
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    close(false);
  });
  // The page's shortcuts are not for keys typed in a dialog.
  dialog.addEventListener("keydown", (event) => event.stopPropagation());
  keepTabInside(dialog);
  dialog.showModal();
  (dialog.querySelector<HTMLElement>("[data-autofocus]") ?? dialog.querySelector<HTMLElement>(FOCUSABLE))?.focus();
  return closed;
}
