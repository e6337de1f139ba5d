/**
 * Keyboard shortcuts of a queue: j/k move, a approve (restore), r reject, R reject with a
 * reason, b ban, x select, l comment log, ? help. Keys typed into a field, or with Ctrl, Alt
 * or Meta held, are left alone.
 */
import type { CardList } from "./cardList";
import { openDialog } from "./dialog";
import { h } from "./dom";
import { t, type Key } from "./i18n";

/** What the shortcuts act on: the queue on screen (queue.ts), as this module needs it. */
export interface ShortcutTarget {
  readonly list: Pick<CardList, "move" | "ensureFocus">;
  approveCurrent(): void;
  rejectCurrent(askReason: boolean): void;
  banCurrent(): void;
  toggleCurrent(): void;
  logCurrent(): void;
}

/** Keys that act on the current item; moving keys work without a focused item. */
const ACTING = "arRbxl";

const shortcuts: [string, Key, (view: ShortcutTarget) => void][] = [
  ["j", "k_next", (v) => v.list.move(1)],
  ["k", "k_prev", (v) => v.list.move(-1)],
  ["a", "k_approve", (v) => v.approveCurrent()],
  ["r", "k_reject", (v) => v.rejectCurrent(false)],
  ["R", "k_rejectReason", (v) => v.rejectCurrent(true)],
  ["b", "k_ban", (v) => v.banCurrent()],
  ["x", "k_select", (v) => v.toggleCurrent()],
  ["l", "k_log", (v) => v.logCurrent()],
];

export function showShortcuts(): Promise<boolean> {
  const rows = [...shortcuts.map(([key, text]) => [key, text] as const), ["?", "k_help"] as const];
  return openDialog({
    title: t("helpTitle"),
    class: "help",
    body: [
      h("dl", { class: "shortcuts" }, ...rows.flatMap(([key, text]) => [h("dt", {}, h("kbd", {}, key === "R" ? "Shift + R" : key)), h("dd", {}, t(text))])),
    ],
  });
}

const NOT_TYPED = ["checkbox", "radio", "button", "submit", "reset"];

function typingInto(target: EventTarget | null): boolean {
  if (target instanceof HTMLInputElement) return !NOT_TYPED.includes(target.type);
  return target instanceof HTMLElement && (target.isContentEditable || target.tagName === "TEXTAREA" || target.tagName === "SELECT");
}

/** Listens on the document; `view` is the queue on screen, if any. */
export function installShortcuts(view: () => ShortcutTarget | undefined): void {
  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey || typingInto(event.target)) return;
    if (event.key === "?") {
      event.preventDefault();
      void showShortcuts();
      return;
    }
    const current = view();
    const shortcut = shortcuts.find(([key]) => key === event.key);
    if (!current || !shortcut) return;
    event.preventDefault();
    if (ACTING.includes(shortcut[0]) && !current.list.ensureFocus()) return;
    shortcut[2](current);
  });
}
