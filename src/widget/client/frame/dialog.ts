/**
 * The frame's dialogs (src/browser/dialog.ts) in its own classes and words. The frame is as
 * tall as its content, so a dialog is placed next to the control that opened it instead of in
 * the middle of the frame, and the frame grows while the dialog reaches past the content.
 */
import { showDialog } from "../../../browser/dialog";
import type { Child } from "../../../browser/dom";
import { describe } from "./errors";
import { t } from "./i18n";

export interface DialogParts {
  title: string;
  body: Child[];
  /** Without a confirm button the dialog only shows something (its one button: `cancel`). */
  confirm?: string;
  /** Resolves false to keep the dialog open; a throw keeps it open and says why; anything else closes it. */
  onConfirm?: (form: HTMLFormElement) => unknown;
  /** The cancel button's words (default 취소 / Cancel). */
  cancel?: string;
}

/** Opens a dialog next to `opener`; resolves when it closes (true if confirmed). */
export function openDialog(opener: HTMLElement, parts: DialogParts): Promise<boolean> {
  return showDialog({
    prefix: "m-",
    title: parts.title,
    body: parts.body,
    opener,
    cancel: parts.cancel ?? t("cancel"),
    confirm: parts.confirm ? { label: parts.confirm, run: parts.onConfirm ?? (() => {}) } : undefined,
    failure: describe,
    shown(dialog) {
      const top = Math.max(8, opener.getBoundingClientRect().top + scrollY - 40);
      dialog.style.top = `${top}px`;
      // Grow the frame if the dialog reaches past the content, so it is never cut off.
      document.body.style.minHeight = `${top + dialog.offsetHeight + 16}px`;
    },
    closed: () => (document.body.style.minHeight = ""),
  });
}

/** Closes the dialog that `inside` is part of, as Escape would (an action in it ended its purpose). */
export const closeDialogOf = (inside: Element) => inside.closest("dialog")?.dispatchEvent(new Event("cancel"));
