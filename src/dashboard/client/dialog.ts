/** The dashboard's dialogs (src/browser/dialog.ts) in its own classes and words. */
import { showDialog } from "../../browser/dialog";
import { failureText } from "./api";
import type { Child } from "./dom";
import { t } from "./i18n";

export interface DialogOptions {
  title: string;
  body: Child[];
  /**
   * With a confirm button: `run` resolving false keeps the dialog open; a throw keeps it open
   * and says why; anything else closes it.
   */
  confirm?: { label: string; danger?: boolean; run: (form: HTMLFormElement) => unknown };
  class?: string;
}

/** Opens a dialog; resolves when it closes (true if confirmed). The focus goes back to what had it. */
export function openDialog(options: DialogOptions): Promise<boolean> {
  return showDialog({
    ...options,
    prefix: "",
    opener: document.activeElement instanceof HTMLElement ? document.activeElement : null,
    cancel: options.confirm ? t("cancel") : t("close"),
    failure: (error) => failureText(error),
    // The page's shortcuts are not for keys typed in a dialog.
    shown: (dialog) => dialog.addEventListener("keydown", (event) => event.stopPropagation()),
  });
}
