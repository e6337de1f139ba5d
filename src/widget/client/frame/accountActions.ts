/** What a reader does to their whole account: download their data, log out everywhere, delete it. */
import { call } from "./api";
import { state, ui } from "./app";
import { closeDialogOf, openDialog } from "./dialog";
import { h } from "./dom";
import { t } from "./i18n";

/** GET /me/export saved as a JSON file (a blob URL: the request needs the session, a link could not carry it). */
export async function downloadMyData(): Promise<void> {
  const data = await call<unknown>("GET", "/me/export");
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
  h("a", { href: url, download: `marginalia-${state.config.site}-${state.me?.id}.json` }).click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Revokes every session of the account, this one included. */
export async function logOutEverywhere(opener: HTMLElement): Promise<void> {
  await call("POST", "/auth/logout-everywhere");
  closeDialogOf(opener);
  await ui.ended();
  document.getElementById("m-title")?.focus();
}

/** Deletes the account after the reader confirms it cannot be undone; the list then shows what is left. */
export async function askDeleteAccount(opener: HTMLElement): Promise<void> {
  const confirmed = await openDialog(opener, {
    title: t("deleteAccount"),
    body: [h("p", { class: "m-dialog-text" }, t("deleteAccountConfirm"))],
    confirm: t("deleteAccount"),
    onConfirm: () => call("DELETE", "/me"),
  });
  if (!confirmed) return;
  closeDialogOf(opener);
  await ui.ended();
  ui.say(t("accountDeleted"));
  document.getElementById("m-title")?.focus();
}
