/**
 * The site's settings form: sends only the fields that changed (PATCH), and shows the API's
 * 400 next to the field it names.
 */
import { ApiFailure, call, enc, failureText } from "./api";
import { h } from "./dom";
import { t, type Key } from "./i18n";
import { controlFor, readControl, settingGroups, type SettingField, type SettingValue } from "./settingsFields";
import type { SiteSettings } from "./types";
import { renderAdaptation } from "./adaptation";

interface Issue {
  path: string;
  message: string;
}

export async function renderSettings(container: HTMLElement, site: { id: string; name: string }, admin: boolean): Promise<void> {
  const status = h("p", { class: "status", role: "status" }, t("loading"));
  container.replaceChildren(h("h2", { tabIndex: -1, class: "view-title" }, t("settingsTitle", { site: site.name })), status);
  let saved: SiteSettings;
  try {
    saved = (await call<{ settings: SiteSettings }>("GET", `/sites/${enc(site.id)}/settings`)).settings;
  } catch (error) {
    status.textContent = failureText(error, site.id);
    return;
  }
  status.textContent = "";
  const controls = new Map<
    keyof SiteSettings,
    { field: SettingField; control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement; error: HTMLElement }
  >();
  const fieldsets = settingGroups.map(([legend, fields]) =>
    h(
      "fieldset",
      {},
      h("legend", {}, t(legend)),
      ...fields.map((f) => {
        const control = controlFor(f, saved[f.name] ?? null);
        const locked = f.adminOnly === true && !admin;
        control.disabled = locked;
        const error = h("p", { class: "error", id: `${control.id}-error` });
        const hintKey = locked ? "adminOnlyHint" : f.hint;
        const hint = hintKey && h("p", { class: "hint", id: `${control.id}-hint` }, t(hintKey));
        control.setAttribute("aria-describedby", [hint ? hint.id : "", error.id].filter(Boolean).join(" "));
        controls.set(f.name, { field: f, control, error });
        return h("div", { class: "field" }, h("label", { htmlFor: control.id }, t(f.name as Key)), control, hint, error);
      }),
    ),
  );
  const submit = h("button", { type: "submit", class: "btn primary" }, t("save"));
  const form = h("form", { class: "settings", noValidate: true }, ...fieldsets, h("div", { class: "form-actions" }, submit, status));
  container.appendChild(form);
  container.appendChild(renderAdaptation(site));

  function showIssues(issues: Issue[]) {
    for (const { control, error } of controls.values()) {
      error.textContent = "";
      control.removeAttribute("aria-invalid");
    }
    for (const issue of issues) {
      const target = controls.get(issue.path.split(".")[0] as keyof SiteSettings);
      if (!target) continue;
      target.error.textContent = issue.message;
      target.control.setAttribute("aria-invalid", "true");
    }
    form.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const changes: Record<string, SettingValue> = {};
    const issues: Issue[] = [];
    for (const [name, { field, control }] of controls) {
      const read = readControl(field, control);
      if ("error" in read) issues.push({ path: name, message: read.error });
      else if (JSON.stringify(read.value) !== JSON.stringify(saved[name] ?? null)) changes[name] = read.value;
    }
    showIssues(issues);
    if (issues.length || !Object.keys(changes).length) {
      status.textContent = t(issues.length ? "invalidSettings" : "noChanges");
      return;
    }
    submit.disabled = true;
    try {
      const result = await call<{ settings: SiteSettings; webhookSecret?: string }>("PATCH", `/sites/${enc(site.id)}/settings`, changes);
      saved = result.settings;
      // The site's first webhook URL comes with its signing secret, shown this once.
      status.textContent = result.webhookSecret ? t("webhookSecretOnce", { secret: result.webhookSecret }) : t("saved");
    } catch (error) {
      const details = error instanceof ApiFailure && error.status === 400 && Array.isArray(error.details) ? (error.details as Issue[]) : [];
      showIssues(details);
      status.textContent = details.length ? t("invalidSettings") : failureText(error);
    } finally {
      submit.disabled = false;
    }
  });
}
