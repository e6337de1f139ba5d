/**
 * A moderation queue of one site: keyset pages ("load more"), one card per comment, decisions
 * one at a time or in bulk, and the keyboard's current item. A decided comment leaves the list;
 * one that someone else decided first stays, refreshed, with a notice.
 */
import { call, enc, failureText } from "./api";
import { openAuditLog } from "./auditLog";
import { askRejectReason, banAuthor, decideMany, decideOne, type Outcome } from "./decisions";
import { fill, h } from "./dom";
import { label, t } from "./i18n";
import { decisionsFor, renderItem, type ItemHandlers } from "./item";
import { bulkBar, type BulkBar } from "./bulkBar";
import type { Decision, ModeratedComment, QueueItem, QueueName, QueuePage } from "./types";

export interface QueueViewOptions {
  site: string;
  queue: QueueName;
  onCounts(counts: Record<QueueName, number>): void;
  announce(text: string): void;
}

const PAGE = 20;

/** The queue a comment is in now (as the API's queueOf has it, for comments already in a queue). */
function queueOf(c: ModeratedComment): QueueName {
  if (c.reported && c.status !== "rejected") return "reported";
  return c.status === "pending" ? "pending" : c.status === "rejected" ? "rejected" : "approved";
}

export class QueueView {
  readonly element: HTMLElement;
  private items: QueueItem[] = [];
  private cursor: string | null = null;
  private counts: Record<QueueName, number> | undefined;
  private current = 0;
  private readonly list = h("ol", { class: "items" });
  private readonly message = h("p", { class: "empty", role: "status", tabIndex: -1 });
  private readonly more = h("button", { type: "button", class: "btn more", hidden: true, on: { click: () => void this.loadMore() } }, t("loadMore"));
  private readonly bulk: BulkBar;
  private readonly handlers: ItemHandlers = {
    decide: (item, decision, askReason) => void this.decide(item, decision, askReason),
    ban: (item) => void this.ban(item),
    log: (item, of) => this.log(item, of),
    select: () => this.bulk.update(),
  };

  constructor(private readonly options: QueueViewOptions) {
    this.bulk = bulkBar(options.queue, {
      total: () => this.items.length,
      selected: () => this.selectedItems(),
      selectAll: (on) => this.checkboxes().forEach((box) => (box.checked = on)),
      run: (decision, chosen) => void this.decideSelected(decision, chosen),
      refresh: () => void this.load(),
    });
    this.list.addEventListener("focusin", (event) => {
      const card = (event.target as Element).closest("li.item");
      const index = this.cards().indexOf(card as HTMLLIElement);
      if (index >= 0) this.current = index;
    });
    this.element = h("section", { class: "queue", "aria-label": label("q_", options.queue) }, this.bulk.element, this.message, this.list, this.more);
  }

  /** The first page (again). */
  async load(): Promise<void> {
    this.items = [];
    this.cursor = null;
    this.list.replaceChildren();
    this.message.textContent = t("loading");
    await this.fetchPage();
  }

  private async loadMore(): Promise<void> {
    const before = this.items.length;
    await this.fetchPage();
    this.focusItem(before);
  }

  private async fetchPage(): Promise<void> {
    this.more.disabled = true;
    const query = new URLSearchParams({ queue: this.options.queue, limit: String(PAGE) });
    if (this.cursor) query.set("cursor", this.cursor);
    try {
      const page = await call<QueuePage>("GET", `/sites/${enc(this.options.site)}/moderation/queue?${query}`);
      const known = new Set(this.items.map((i) => i.comment.id));
      const fresh = page.items.filter((i) => !known.has(i.comment.id));
      this.items.push(...fresh);
      for (const item of fresh) this.list.appendChild(renderItem(item, false, this.handlers));
      this.cursor = page.nextCursor;
      this.setCounts(page.counts);
      this.message.textContent = this.items.length ? "" : t("empty");
    } catch (error) {
      this.message.textContent = failureText(error, this.options.site);
    } finally {
      this.more.disabled = false;
      this.more.hidden = this.cursor === null;
      this.bulk.update();
    }
  }

  private setCounts(counts: Record<QueueName, number>): void {
    this.counts = counts;
    this.options.onCounts(counts);
  }

  private cards(): HTMLLIElement[] {
    return [...this.list.querySelectorAll<HTMLLIElement>(":scope > li.item")];
  }

  private checkboxes(): HTMLInputElement[] {
    return [...this.list.querySelectorAll<HTMLInputElement>(":scope > li.item input.select")];
  }

  /** The items whose box is ticked, in list order. */
  selectedItems(): QueueItem[] {
    const ids = new Set(this.checkboxes().filter((box) => box.checked).map((box) => box.closest("li")!.dataset.id));
    return this.items.filter((i) => ids.has(i.comment.id));
  }

  private cardOf(item: QueueItem): HTMLLIElement | undefined {
    return this.cards().find((card) => card.dataset.id === item.comment.id);
  }

  /** Gives the keyboard's attention to the item at `index` (clamped), scrolling it into view. */
  focusItem(index: number): void {
    const cards = this.cards();
    if (!cards.length) return;
    this.current = Math.max(0, Math.min(index, cards.length - 1));
    const card = cards[this.current]!;
    card.focus();
    card.scrollIntoView({ block: "nearest" });
  }

  /** Whether an item has the focus; if none has, the current one gets it (so a key never acts on an item out of sight). */
  ensureFocus(): boolean {
    if (this.list.contains(document.activeElement)) return true;
    this.focusItem(this.current);
    return false;
  }

  move(step: 1 | -1): void {
    const inside = this.list.contains(document.activeElement);
    this.focusItem(inside ? this.current + step : this.current);
  }

  /** The item the keyboard works on: the focused card, or the first one. */
  currentItem(): QueueItem | undefined {
    const id = this.cards()[this.current]?.dataset.id;
    return this.items.find((i) => i.comment.id === id);
  }

  /** `a`: approve, or restore where that is the way back. */
  approveCurrent(): void {
    const item = this.currentItem();
    const decision = item && decisionsFor(item).find((d) => d !== "reject");
    if (item && decision) void this.decide(item, decision);
  }

  rejectCurrent(askReason: boolean): void {
    const item = this.currentItem();
    if (item && decisionsFor(item).includes("reject")) void this.decide(item, "reject", askReason);
  }

  banCurrent(): void {
    const item = this.currentItem();
    if (item) void this.ban(item);
  }

  toggleCurrent(): void {
    const box = this.cards()[this.current]?.querySelector<HTMLInputElement>("input.select");
    if (!box) return;
    box.checked = !box.checked;
    this.bulk.update();
  }

  logCurrent(): void {
    const item = this.currentItem();
    if (item) this.log(item, "comment");
  }

  private log(item: QueueItem, of: "comment" | "user"): void {
    const filter = of === "comment" ? { commentId: item.comment.id } : { userId: item.author.id };
    void openAuditLog(this.options.site, filter, of === "comment" ? t("logTitleComment") : t("logTitleUser", { name: item.author.name }));
  }

  private async decide(item: QueueItem, decision: Decision, askReason = false): Promise<void> {
    const reason = askReason ? await askRejectReason() : undefined;
    if (askReason && reason === undefined) return;
    const card = this.cardOf(item);
    card?.querySelectorAll("button").forEach((b) => (b.disabled = true));
    this.apply(item, decision, await decideOne(item, decision, reason));
  }

  private async decideSelected(decision: Decision, chosen: QueueItem[]): Promise<void> {
    try {
      const outcomes = await decideMany(chosen, decision);
      let ok = 0;
      for (const item of chosen) {
        const outcome = outcomes.get(item.comment.id);
        if (!outcome) continue;
        if (outcome.ok) ok++;
        this.apply(item, decision, outcome, false);
      }
      this.options.announce(t("bulkDone", { ok, failed: chosen.length - ok }));
    } catch (error) {
      this.options.announce(failureText(error));
    }
    this.bulk.update();
  }

  /** Shows what became of a decision: gone from the list, refreshed after a conflict, or an error on the card. */
  private apply(item: QueueItem, decision: Decision, outcome: Outcome, announce = true): void {
    if (outcome.ok) {
      this.moveCount(queueOf(item.comment), queueOf(outcome.comment));
      this.remove(item, announce ? t(`done_${decision}`) : undefined);
    } else if ("gone" in outcome) {
      this.remove(item, t("gone"));
    } else if ("changed" in outcome) {
      item.comment = { ...item.comment, status: outcome.changed.status, version: outcome.changed.version, reported: outcome.changed.reported };
      this.rerender(item, t("decidedElsewhere", { status: label("s_", outcome.changed.status) }));
    } else {
      this.rerender(item, failureText(outcome.error));
    }
  }

  private moveCount(from: QueueName, to: QueueName): void {
    if (!this.counts || from === to) return;
    this.setCounts({ ...this.counts, [from]: Math.max(0, this.counts[from] - 1), [to]: this.counts[to] + 1 });
  }

  private rerender(item: QueueItem, notice: string): void {
    const card = this.cardOf(item);
    if (!card) return;
    const hadFocus = card.contains(document.activeElement);
    const selected = card.querySelector<HTMLInputElement>("input.select")?.checked ?? false;
    const fresh = renderItem(item, selected, this.handlers);
    fresh.querySelector(".notice")!.textContent = notice;
    if (notice) fresh.classList.add("changed");
    card.replaceWith(fresh);
    if (hadFocus) fresh.focus();
  }

  private remove(item: QueueItem, announcement?: string): void {
    const card = this.cardOf(item);
    const index = card ? this.cards().indexOf(card) : -1;
    const hadFocus = card?.contains(document.activeElement) ?? false;
    card?.remove();
    this.items = this.items.filter((i) => i !== item);
    if (announcement) this.options.announce(announcement);
    if (!this.items.length) fill(this.message, this.cursor ? "" : t("empty"));
    if (hadFocus || index === this.current) {
      if (this.items.length) this.focusItem(index);
      else if (this.more.hidden) this.message.focus();
      else this.more.focus();
    }
    this.bulk.update();
  }

  private async ban(item: QueueItem): Promise<void> {
    const ban = await banAuthor(this.options.site, item);
    if (!ban) return;
    this.options.announce(t("banned", { name: item.author.name }));
    // Every card of the same author shows the ban; this comment is rejected along with it.
    for (const other of this.items.filter((i) => i.author.id === item.author.id)) {
      other.author = { ...other.author, ban: { until: ban.until, reason: ban.reason || null } };
      if (other !== item) this.rerender(other, "");
    }
    if (decisionsFor(item).includes("reject")) this.apply(item, "reject", await decideOne(item, "reject", ban.reason || undefined), false);
    else this.rerender(item, t("banned", { name: item.author.name }));
  }
}
