/**
 * A moderation queue of one site: keyset pages ("load more"), one card per comment, decisions
 * one at a time or in bulk. A decided comment leaves the list; one that someone else decided
 * first stays, refreshed, with a notice.
 */
import { call, enc, failureText } from "./api";
import { openAuditLog } from "./auditLog";
import { bulkBar, type BulkBar } from "./bulkBar";
import { CardList } from "./cardList";
import { askRejectReason, banAuthor, decideMany, decideOne, type Outcome } from "./decisions";
import { h } from "./dom";
import { editBadges, toggleHighlight, type Highlight } from "./highlights";
import { label, t } from "./i18n";
import { decisionsFor, renderItem, type ItemHandlers } from "./item";
import type { ShortcutTarget } from "./keyboard";
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

export class QueueView implements ShortcutTarget {
  readonly element: HTMLElement;
  readonly list = new CardList();
  private items: QueueItem[] = [];
  private cursor: string | null = null;
  private counts: Record<QueueName, number> | undefined;
  private readonly message = h("p", { class: "empty", role: "status", tabIndex: -1 });
  private readonly more = h("button", { type: "button", class: "btn more", hidden: true, on: { click: () => void this.loadMore() } }, t("loadMore"));
  private readonly bulk: BulkBar;
  private readonly handlers: ItemHandlers = {
    decide: (item, decision, askReason) => void this.decide(item, decision, askReason),
    ban: (item) => void this.ban(item),
    highlight: (item, kind) => void this.highlight(item, kind),
    badges: (item) => void this.badges(item),
    log: (item, of) => this.log(item, of),
    select: () => this.bulk.update(),
  };

  constructor(private readonly options: QueueViewOptions) {
    this.bulk = bulkBar(options.queue, {
      total: () => this.items.length,
      selected: () => this.selectedItems(),
      selectAll: (on) => {
        for (const box of this.list.checkboxes()) box.checked = on;
      },
      run: (decision, chosen) => void this.decideSelected(decision, chosen),
      refresh: () => void this.load(),
    });
    this.element = h("section", { class: "queue", "aria-label": label("q_", options.queue) }, this.bulk.element, this.message, this.list.element, this.more);
  }

  /** The first page (again). */
  async load(): Promise<void> {
    this.items = [];
    this.cursor = null;
    this.list.element.replaceChildren();
    this.message.textContent = t("loading");
    await this.fetchPage();
  }

  private async loadMore(): Promise<void> {
    const before = this.items.length;
    await this.fetchPage();
    this.list.focusAt(before);
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
      this.list.element.append(...fresh.map((item) => renderItem(item, false, this.handlers)));
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

  private moveCount(from: QueueName, to: QueueName): void {
    if (!this.counts || from === to) return;
    this.setCounts({ ...this.counts, [from]: Math.max(0, this.counts[from] - 1), [to]: this.counts[to] + 1 });
  }

  private selectedItems(): QueueItem[] {
    const ids = this.list.selectedIds();
    return this.items.filter((i) => ids.has(i.comment.id));
  }

  /** The item the keyboard works on. */
  currentItem(): QueueItem | undefined {
    const id = this.list.currentId();
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
    this.list.toggleCurrent();
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
    for (const button of this.list.cardOf(item.comment.id)?.querySelectorAll("button") ?? []) button.disabled = true;
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
      const before = item.comment;
      item.comment = { ...before, status: outcome.changed.status, version: outcome.changed.version, reported: outcome.changed.reported };
      // The counts were read with the item: they follow what someone else did to it.
      this.moveCount(queueOf(before), queueOf(item.comment));
      this.rerender(item, t("decidedElsewhere", { status: label("s_", outcome.changed.status) }));
    } else {
      this.rerender(item, failureText(outcome.error));
    }
  }

  /** Replaces the card; `focusAction` puts the focus back on that button of the new card. */
  private rerender(item: QueueItem, notice: string, focusAction?: string): void {
    const fresh = renderItem(item, false, this.handlers);
    fresh.querySelector(".notice")!.textContent = notice;
    if (notice) fresh.classList.add("changed");
    this.list.replace(item.comment.id, fresh);
    if (focusAction) fresh.querySelector<HTMLElement>(`[data-action="${focusAction}"]`)?.focus();
  }

  private remove(item: QueueItem, announcement?: string): void {
    this.items = this.items.filter((i) => i !== item);
    const focusKept = this.list.remove(item.comment.id);
    if (announcement) this.options.announce(announcement);
    if (!this.items.length) this.message.textContent = this.cursor ? "" : t("empty");
    // The last card went with the focus: the next thing to read or press takes it.
    if (!focusKept) (this.more.hidden ? this.message : this.more).focus();
    this.bulk.update();
  }

  /** Pins or features in place: the card stays, showing the new state (or why not) in words. */
  private async highlight(item: QueueItem, kind: Highlight): Promise<void> {
    const result = await toggleHighlight(item, kind, (id) => this.nameOf(id));
    if ("error" in result) {
      // The pins another moderator made meanwhile show on their cards too.
      for (const other of this.items.filter((i) => result.pinned?.includes(i.comment.id) && !i.comment.pinned)) {
        other.comment = { ...other.comment, pinned: true };
        this.rerender(other, "");
      }
      return this.rerender(item, result.error, kind);
    }
    item.comment = result.comment;
    const on = kind === "pin" ? result.comment.pinned : result.comment.featured;
    const done = t(`done_${on ? "" : "un"}${kind}`);
    this.rerender(item, done, kind);
    this.options.announce(done);
  }

  /** A comment as a moderator recognises it: the start of its text when it is on the page, else its id. */
  private nameOf(id: string): string {
    const body = this.items.find((i) => i.comment.id === id)?.comment.body;
    if (!body) return id;
    const chars = [...body.replace(/\s+/g, " ").trim()];
    return `“${chars.slice(0, 20).join("")}${chars.length > 20 ? "…" : ""}”`;
  }

  private async badges(item: QueueItem): Promise<void> {
    const badges = await editBadges(this.options.site, item.author);
    if (!badges) return;
    const said = t("badgesSaved", { name: item.author.name, list: badges.join(", ") || t("noBadges") });
    this.list.cardOf(item.comment.id)!.querySelector(".notice")!.textContent = said;
    this.options.announce(said);
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
