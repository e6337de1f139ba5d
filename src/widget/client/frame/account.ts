/**
 * The reader's account page, a dialog opened from "My account": display name (the dialog's
 * save), linked logins (unlink any but the last; link another through the login popup), and
 * the account actions (accountActions.ts).
 */
import { ApiFailure, call, enc } from "./api";
import { askDeleteAccount, downloadMyData, logOutEverywhere } from "./accountActions";
import { keepMe, state, ui } from "./app";
import { openDialog } from "./dialog";
import { h } from "./dom";
import { describe } from "./errors";
import { loginLabel, t } from "./i18n";
import { popupLogin } from "./popup";
import { providerName } from "./providers";
import type { Identity, Me } from "./types";

type Identities = { identities: Identity[] };

export async function openAccount(opener: HTMLElement): Promise<void> {
  const fail = (error: unknown) => ui.say(describe(error), "", true);
  const run = <A>(action: (arg: A) => Promise<unknown>, arg: A) => action(arg).catch(fail);
  const list = h("ul", { class: "m-ids", tabIndex: -1, "aria-label": t("linked") });
  const links = h("div", { class: "m-links" });

  const show = ({ identities }: Identities) => {
    const have = identities.map((i) => i.provider);
    list.replaceChildren(
      ...have.map((id) =>
        h("li", {}, providerName(id), have.length > 1 && h("button", { type: "button", class: "m-link", on: { click: () => run(unlink, id) } }, t("unlink"))),
      ),
    );
    links.replaceChildren(
      ...state.providers
        .filter((p) => !have.includes(p.id))
        .map((p) => h("button", { type: "button", class: "m-btn", on: { click: () => run(link, p.id) } }, t("linkWith", { site: providerName(p.id) }))),
    );
  };

  async function unlink(provider: string) {
    await call("DELETE", `/me/identities/${enc(provider)}`);
    show(await call<Identities>("GET", "/me/identities"));
    list.focus();
  }

  async function link(providerId: string) {
    const url = call<{ url: string }>("POST", `/auth/${enc(providerId)}/link`, { origin: state.config.origin }).then((r) => r.url);
    const result = await popupLogin(url);
    if (result?.kind !== "link") return;
    try {
      show(await call<Identities>("POST", "/auth/link/confirm", { proof: result.linkProof }));
      ui.say(t("saved"));
    } catch (error) {
      // The identity belongs to another account, or one of its kind is linked already.
      const reason = error instanceof ApiFailure && error.details.reason;
      typeof reason === "string" ? ui.say(loginLabel(reason), "", true) : fail(error);
    }
  }

  const action = (label: string, act: (opener: HTMLElement) => Promise<unknown>) =>
    h("button", { type: "button", class: "m-btn", on: { click: (e) => run(act, e.currentTarget as HTMLElement) } }, label);
  call<Identities>("GET", "/me/identities").then(show, fail);
  await openDialog(opener, {
    title: t("myAccount"),
    body: [
      h("label", { htmlFor: "m-name", class: "m-label" }, t("displayName")),
      h("input", { id: "m-name", name: "name", value: state.me?.name, maxLength: 100, required: true }),
      h("h3", {}, t("linked")),
      list,
      links,
      h(
        "div",
        { class: "m-links" },
        action(t("exportData"), downloadMyData),
        action(t("logoutAll"), logOutEverywhere),
        action(t("deleteAccount"), askDeleteAccount),
      ),
    ],
    confirm: t("save"),
    // Saving the name keeps the dialog open; the list behind it shows the new name.
    async onConfirm(form) {
      try {
        const { user } = await call<{ user: Me }>("PATCH", "/me", { name: new FormData(form).get("name") });
        keepMe(user);
        await ui.reload();
        ui.say(t("saved"));
      } catch (error) {
        fail(error);
      }
      return false;
    },
  });
  document.getElementById("m-account-toggle")?.focus();
}
