/**
 * The list of queue cards as the keyboard and the selection see it: which card is current,
 * which are ticked, and where the focus goes when a card is replaced or leaves.
 */
import { h } from "./dom";

export class CardList {
  readonly element = h("ol", { class: "items" });
  /** Index of the card the keyboard works on. */
  private current = 0;

  constructor() {
    this.element.addEventListener("focusin", (event) => {
      const index = this.cards().indexOf((event.target as Element).closest("li.item") as HTMLLIElement);
      if (index >= 0) this.current = index;
    });
  }

  cards(): HTMLLIElement[] {
    return [...this.element.querySelectorAll<HTMLLIElement>(":scope > li.item")];
  }

  cardOf(id: string): HTMLLIElement | undefined {
    return this.cards().find((card) => card.dataset.id === id);
  }

  checkboxes(): HTMLInputElement[] {
    return [...this.element.querySelectorAll<HTMLInputElement>(":scope > li.item input.select")];
  }

  selectedIds(): Set<string> {
    return new Set(
      this.checkboxes()
        .filter((box) => box.checked)
        .map((box) => box.closest("li")!.dataset.id!),
    );
  }

  currentId(): string | undefined {
    return this.cards()[this.current]?.dataset.id;
  }

  hasFocus(): boolean {
    return this.element.contains(document.activeElement);
  }

  /** Focuses the card at `index` (clamped) and scrolls it into view. */
  focusAt(index: number): void {
    const cards = this.cards();
    if (!cards.length) return;
    this.current = Math.max(0, Math.min(index, cards.length - 1));
    const card = cards[this.current]!;
    card.focus();
    card.scrollIntoView({ block: "nearest" });
  }

  /** Next or previous card; the first key press focuses the current card itself. */
  move(step: 1 | -1): void {
    this.focusAt(this.hasFocus() ? this.current + step : this.current);
  }

  /** Whether a card has the focus; if none has, the current one gets it (so a key never acts on a card out of sight). */
  ensureFocus(): boolean {
    if (this.hasFocus()) return true;
    this.focusAt(this.current);
    return false;
  }

  toggleCurrent(): void {
    const box = this.cards()[this.current]?.querySelector<HTMLInputElement>("input.select");
    if (box) box.checked = !box.checked;
  }

  /** Swaps a card for its new rendering, keeping its tick and the focus. */
  replace(id: string, fresh: HTMLLIElement): void {
    const card = this.cardOf(id);
    if (!card) return;
    const hadFocus = card.contains(document.activeElement);
    const box = fresh.querySelector<HTMLInputElement>("input.select");
    if (box) box.checked = card.querySelector<HTMLInputElement>("input.select")?.checked ?? false;
    card.replaceWith(fresh);
    if (hadFocus) fresh.focus();
  }

  /** Removes a card; the focus, if it was there, moves to the card that takes its place. Returns whether a card is left to take it. */
  remove(id: string): boolean {
    const card = this.cardOf(id);
    if (!card) return true;
    const index = this.cards().indexOf(card);
    const hadFocus = card.contains(document.activeElement);
    card.remove();
    if (hadFocus && this.cards().length) this.focusAt(index);
    return !hadFocus || this.cards().length > 0;
  }
}
