/**
 * The text box for a new comment, a reply or an edit, with what moderation may answer:
 * held (posted, awaiting review), rejected (with the reasons), "are you sure?" (revise, or post
 * anyway with confirm: true) and "too often" (when to retry; the button waits until then).
 */
import { charCount, MAX_BODY_CHARS } from "../../../comments/bodyLength";
import { ApiFailure, call, enc } from "./api";
import { state } from "./app";
import { h } from "./dom";
import { describe, waitOf } from "./errors";
import { t } from "./i18n";
import type { Comment } from "./types";

export interface ComposerOptions {
  label: string;
  /** Edit this comment instead of posting a new one. */
  editing?: Comment;
  parentId?: string;
  initial?: string;
  submitLabel?: string;
  onDone(comment: Comment): void;
  onCancel?(): void;
}

let ids = 0;
const newKey = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`);

function pageFields() {
  const { url, title } = state.page;
  return { ...(/^https?:\/\//i.test(url) && url.length <= 2000 ? { url } : {}), ...(title ? { title: title.slice(0, 500) } : {}) };
}

export function composer(options: ComposerOptions): HTMLFormElement {
  const id = `m-text-${++ids}`;
  const text = h("textarea", { id, rows: 3, placeholder: t("placeholder"), value: options.initial ?? "", required: true });
  const counter = h("span", { class: "m-counter", "aria-live": "off" });
  const submit = h("button", { type: "submit", class: "m-btn m-primary" }, options.submitLabel ?? t("post"));
  const notice = h("div", { class: "m-notice", role: "status" });
  // One key per draft: a retried post (say, after a timeout) is answered with the same comment.
  let key = "";

  const count = () => {
    const n = charCount(text.value);
    counter.textContent = `${n}/${MAX_BODY_CHARS}`;
    counter.classList.toggle("m-over", n > MAX_BODY_CHARS);
  };
  text.addEventListener("input", () => {
    key = "";
    count();
  });
  count();

  function say(message: string, ...buttons: HTMLElement[]) {
    if (message) notice.replaceChildren(h("p", {}, message), ...buttons);
    else notice.replaceChildren();
  }

  async function send(confirm: boolean) {
    const body = text.value.trim();
    if (!body) return text.focus();
    key ||= newKey();
    submit.disabled = true;
    say("");
    const extra = confirm ? { confirm: true } : {};
    try {
      const { comment } = options.editing
        ? await call<{ comment: Comment }>("PATCH", `/comments/${enc(options.editing.id)}`, { body, ...extra })
        : await call<{ comment: Comment }>(
            "POST",
            `/sites/${enc(state.config.site)}/articles/${enc(state.config.article)}/comments`,
            { body, ...(options.parentId ? { parentId: options.parentId } : {}), ...pageFields(), ...extra },
            { headers: { "Idempotency-Key": key } },
          );
      key = "";
      text.value = "";
      count();
      submit.disabled = false;
      if (comment.status === "pending") say(t("held"));
      options.onDone(comment);
    } catch (error) {
      submit.disabled = false;
      explain(error);
    }
  }

  function explain(error: unknown) {
    if (error instanceof ApiFailure && error.code === "needs_confirmation") {
      const revise = h(
        "button",
        {
          type: "button",
          class: "m-btn",
          on: {
            click: () => {
              say("");
              text.focus();
            },
          },
        },
        t("revise"),
      );
      const anyway = h("button", { type: "button", class: "m-btn m-primary", on: { click: () => send(true) } }, t("postAnyway"));
      say(describe(error), revise, anyway);
      return;
    }
    if (error instanceof ApiFailure && error.code === "rate_limited") {
      submit.disabled = true;
      setTimeout(() => (submit.disabled = false), waitOf(error) * 1000);
    }
    say(describe(error));
    notice.setAttribute("role", "alert");
  }

  const cancel = options.onCancel && h("button", { type: "button", class: "m-btn", on: { click: options.onCancel } }, t("cancel"));
  const form = h(
    "form",
    {
      class: "m-composer",
      on: {
        submit: (e) => {
          e.preventDefault();
          notice.setAttribute("role", "status");
          void send(false);
        },
      },
    },
    h("label", { htmlFor: id, class: "m-label" }, options.label),
    text,
    h("div", { class: "m-compose-foot" }, counter, h("span", { class: "m-spacer" }), cancel, submit),
    notice,
  );
  text.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) form.requestSubmit();
    if (e.key === "Escape" && options.onCancel) options.onCancel();
  });
  return form;
}
