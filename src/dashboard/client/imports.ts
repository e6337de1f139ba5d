/**
 * The admin's "Imports" view of a site: upload a Disqus or WordPress export (up to 100 MB; larger
 * files with `npm run import`), and the site's imports with their status, progress, counts and
 * errors, refreshed while one is running.
 */
import { API, ApiFailure, call, enc, failureText } from "./api";
import { loadCredentials } from "./credentials";
import { openDialog } from "./dialog";
import { dateTime, errorLine, field, h } from "./dom";
import { t } from "./i18n";
import type { Site } from "./types";

interface ImportJson {
  id: string;
  format: string;
  status: "uploading" | "queued" | "running" | "done" | "failed" | "rolling_back" | "rolled_back";
  counts: { articles: number; comments: number; authors: number; skipped: number; rejected: number };
  errors: { line?: number; sourceId?: string; message: string }[];
  progress: { bytesRead: number; bytes: number };
  createdAt: string;
}

const REFRESH_MS = 3000;
const STATUS_KEYS = {
  uploading: "importUploading",
  queued: "importQueued",
  running: "importRunning",
  done: "importDone",
  failed: "importFailed",
  rolling_back: "importRollingBack",
  rolled_back: "importRolledBack",
} as const;
/** Statuses that change by themselves: the list is read again until none is left. */
const MOVING = new Set<ImportJson["status"]>(["queued", "running", "rolling_back"]);

/** The file as the request body (not JSON, so not through `call`). */
async function upload(siteId: string, format: string, rule: string, file: File): Promise<void> {
  const query = new URLSearchParams({ format, ...(rule ? { articleRule: rule } : {}) });
  let res: Response;
  try {
    res = await fetch(`${API}/admin/sites/${enc(siteId)}/imports?${query}`, {
      method: "POST",
      headers: { Authorization: `Bearer ${loadCredentials()?.token ?? ""}`, "Content-Type": format === "marginalia" ? "application/gzip" : "application/xml" },
      body: file,
    });
  } catch {
    throw new ApiFailure(0, "network");
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: { code?: string } };
    throw new ApiFailure(res.status, body.error?.code ?? "internal_error");
  }
}

function row(item: ImportJson, takeBack: (item: ImportJson) => void): HTMLElement {
  const percent = item.progress.bytes ? Math.floor((100 * item.progress.bytesRead) / item.progress.bytes) : 0;
  const errors = item.errors.length
    ? h(
        "details",
        {},
        h("summary", {}, t("importErrors", { count: item.errors.length })),
        h(
          "ul",
          { class: "import-errors" },
          ...item.errors.map((e) => h("li", {}, `${e.line ? t("importLine", { line: e.line }) : ""} ${e.sourceId ?? ""} ${e.message}`.trim())),
        ),
      )
    : null;
  return h(
    "li",
    { class: "person import", "data-import": item.id, "data-status": item.status },
    h(
      "div",
      {},
      h("strong", {}, `${item.format} · ${t(STATUS_KEYS[item.status])}`),
      " ",
      item.status === "running" ? h("progress", { max: 100, value: percent, "aria-label": t("importProgress") }) : null,
      h("p", { class: "meta" }, dateTime(item.createdAt), " · ", t("importCounts", item.counts)),
      errors,
    ),
    item.status === "done"
      ? h(
          "button",
          { type: "button", class: "btn danger", "aria-label": t("importTakeBackOf", { when: dateTime(item.createdAt) }), on: { click: () => takeBack(item) } },
          t("importTakeBack"),
        )
      : null,
  );
}

export function renderImports(container: HTMLElement, site: Site, announce: (text: string) => void): void {
  const status = h("p", { class: "status", role: "status" }, t("loading"));
  const list = h("ul", { class: "people", "aria-labelledby": "imports-title" });
  const format = h(
    "select",
    {},
    h("option", { value: "disqus" }, "Disqus (XML)"),
    h("option", { value: "wxr" }, "WordPress (WXR)"),
    h("option", { value: "marginalia" }, "Marginalia (.ndjson.gz)"),
  );
  const rule = h("input", { type: "text", placeholder: "/news/(\\d+)" });
  const file = h("input", { type: "file", accept: ".xml,application/xml,text/xml,.gz,.ndjson,application/gzip" });
  const error = errorLine();
  const start = h("button", { type: "submit", class: "btn primary" }, t("importStart"));
  const heading = h("h3", { id: "imports-title", tabIndex: -1 }, t("imports"));
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function load(): Promise<void> {
    clearTimeout(timer);
    if (!container.contains(list)) return; // another view replaced this one
    try {
      const { imports } = await call<{ imports: ImportJson[] }>("GET", `/admin/sites/${enc(site.id)}/imports?limit=20`);
      status.textContent = imports.length ? "" : t("noImports");
      list.replaceChildren(...imports.map((item) => row(item, (chosen) => void confirmTakeBack(chosen))));
      if (imports.some((i) => MOVING.has(i.status))) timer = setTimeout(() => void load(), REFRESH_MS);
    } catch (failure) {
      status.textContent = failureText(failure, site.id);
    }
  }

  async function confirmTakeBack(item: ImportJson): Promise<void> {
    const taken = await openDialog({
      title: t("importTakeBackTitle"),
      body: [h("p", {}, t("importTakeBackWarning"))],
      confirm: { label: t("importTakeBack"), danger: true, run: () => call("DELETE", `/admin/sites/${enc(site.id)}/imports/${enc(item.id)}`) },
    });
    if (!taken) return;
    announce(t("importTakenBack"));
    await load();
    // The button (the dialog's opener) is gone with the status: the focus goes to the list's heading.
    heading.focus();
  }

  const form = h(
    "form",
    {
      class: "import-form",
      on: {
        submit: (event: Event) => {
          event.preventDefault();
          const chosen = file.files?.[0];
          error.textContent = chosen ? "" : t("importChooseFile");
          if (!chosen) return;
          start.disabled = true;
          upload(site.id, format.value, rule.value.trim(), chosen)
            .then(() => {
              announce(t("importStarted", { name: chosen.name }));
              file.value = "";
              return load();
            })
            .catch((failure) => (error.textContent = failureText(failure, site.id)))
            .finally(() => (start.disabled = false));
        },
      },
    },
    field(t("importFormat"), format),
    field(t("importRule"), rule, t("importRuleHint")),
    field(t("importFile"), file, t("importFileHint")),
    error,
    start,
  );
  container.replaceChildren(h("h2", { tabIndex: -1, class: "view-title" }, t("importsTitle", { site: site.name })), form, heading, status, list);
  void load();
}
