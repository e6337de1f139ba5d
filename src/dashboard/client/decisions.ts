/** Decisions as API calls, and the dialogs that ask for a reason or a ban's terms first. */
import { ApiFailure, call, enc } from "./api";
import { openDialog } from "./dialog";
import { field, h } from "./dom";
import { t } from "./i18n";
import type { BulkResult, CurrentState, Decision, ModeratedComment, QueueItem } from "./types";

export type Outcome =
  | { ok: true; comment: ModeratedComment }
  | { ok: false; changed: CurrentState }
  | { ok: false; gone: true }
  | { ok: false; error: ApiFailure };

/** What the API said about one decision, as something the queue can show. */
function outcomeOf(error: unknown): Outcome {
  if (!(error instanceof ApiFailure)) throw error;
  if (error.code === "state_changed") return { ok: false, changed: (error.details as { current: CurrentState }).current };
  if (error.code === "comment_not_found") return { ok: false, gone: true };
  return { ok: false, error };
}

/** Sends the version the moderator saw: if someone else decided meanwhile, the API answers 409. */
export async function decideOne(item: QueueItem, decision: Decision, reason?: string): Promise<Outcome> {
  try {
    const body = { version: item.comment.version, ...(reason ? { reason } : {}) };
    const { comment } = await call<{ comment: ModeratedComment }>("POST", `/moderation/comments/${enc(item.comment.id)}/${decision}`, body);
    return { ok: true, comment };
  } catch (error) {
    return outcomeOf(error);
  }
}

/** One request for many comments; the API decides each on its own and answers per id. */
export async function decideMany(items: QueueItem[], decision: Decision): Promise<Map<string, Outcome>> {
  const versions = Object.fromEntries(items.map((i) => [i.comment.id, i.comment.version]));
  const { results } = await call<{ results: BulkResult[] }>("POST", "/moderation/bulk", { action: decision, ids: items.map((i) => i.comment.id), versions });
  return new Map(
    results.map((r): [string, Outcome] => {
      if (r.ok && r.comment) return [r.id, { ok: true, comment: r.comment }];
      const error = r.error ?? { code: "internal_error" };
      return [r.id, outcomeOf(new ApiFailure(error.code === "state_changed" ? 409 : 400, error.code, error.details))];
    }),
  );
}

/** Asks for an optional reason; resolves with it, or undefined when cancelled. */
export async function askRejectReason(): Promise<string | undefined> {
  const reason = h("textarea", { name: "reason", maxLength: 500, rows: 3, "data-autofocus": true });
  let given: string | undefined;
  const ok = await openDialog({
    title: t("rejectTitle"),
    body: [field(t("reasonOptional"), reason)],
    confirm: {
      label: t("reject"),
      danger: true,
      run: async () => {
        given = reason.value.trim();
        return true;
      },
    },
  });
  return ok ? (given ?? "") : undefined;
}

const DAY_MS = 86_400_000;
const durations = [
  ["1", "d_1"],
  ["7", "d_7"],
  ["30", "d_30"],
  ["", "d_forever"],
] as const;

/**
 * Confirms a ban with its duration and reason, and bans: resolves with the ban's reason once
 * it is in force, or undefined when cancelled.
 */
export async function banAuthor(site: string, item: QueueItem): Promise<{ until: string | null; reason: string } | undefined> {
  const duration = h(
    "select",
    { name: "duration", "data-autofocus": true },
    ...durations.map(([days, key]) => h("option", { value: days, selected: days === "7" }, t(key))),
  );
  const reason = h("textarea", { name: "reason", maxLength: 500, rows: 2 });
  let result: { until: string | null; reason: string } | undefined;
  const ok = await openDialog({
    title: t("banTitle", { name: item.author.name }),
    body: [h("p", { class: "warning" }, t("banWarning")), field(t("banDuration"), duration), field(t("banReason"), reason)],
    confirm: {
      label: t("banConfirm"),
      danger: true,
      run: async () => {
        const until = duration.value ? new Date(Date.now() + Number(duration.value) * DAY_MS).toISOString() : null;
        const text = reason.value.trim();
        await call("POST", `/sites/${enc(site)}/users/${enc(item.author.id)}/ban`, { ...(until ? { until } : {}), ...(text ? { reason: text } : {}) });
        result = { until, reason: text };
      },
    },
  });
  return ok ? result : undefined;
}
