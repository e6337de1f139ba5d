/**
 * The settings view's panel on what the site learnt from its moderators' decisions: labels
 * collected, the hold threshold in use and where it comes from, its estimated precision and
 * recall on recent comments, and a reset (confirmed first).
 */
import { call, enc, failureText } from "./api";
import { openDialog } from "./dialog";
import { dateTime, h } from "./dom";
import { t } from "./i18n";
import type { SiteAdaptation } from "./types";

const percent = (x: number | null) => (x === null ? "—" : `${Math.round(x * 100)}%`);

function facts(a: SiteAdaptation): HTMLElement {
  const row = (term: string, ...value: (string | HTMLElement)[]) => [h("dt", {}, term), h("dd", {}, ...value)];
  const { abusive, clean, neededTotal, neededPerClass } = a.labels;
  return h(
    "dl",
    { class: "facts" },
    ...row(t("adaptLabels"), t("adaptLabelsValue", { total: abusive + clean, abusive, clean })),
    ...row(t("adaptThreshold"), h("strong", { class: "threshold" }, a.threshold.value.toFixed(2)), ` — ${t(`src_${a.threshold.source}`)}`),
    ...(a.threshold.source === "model" ? row(t("adaptNeeded"), t("adaptNeededValue", { total: neededTotal, each: neededPerClass })) : []),
    ...row(t("targetPrecision"), percent(a.targetPrecision)),
    ...row(
      t("adaptEstimate"),
      t("adaptEstimateValue", { precision: percent(a.estimate.precision), recall: percent(a.estimate.recall), observed: a.estimate.observed }),
    ),
    ...row(t("adaptUpdated"), a.updatedAt ? dateTime(a.updatedAt) : "—"),
  );
}

/** The panel; it loads itself and reloads after a reset. */
export function renderAdaptation(site: { id: string; name: string }): HTMLElement {
  const path = `/sites/${enc(site.id)}/moderation/adaptation`;
  const status = h("p", { class: "status", role: "status" }, t("loading"));
  const body = h("div", {});
  const reset = h("button", { type: "button", class: "btn danger", "data-action": "reset-adaptation" }, t("adaptReset"));
  const show = (a: SiteAdaptation) => {
    body.replaceChildren(facts(a));
    status.textContent = "";
  };
  reset.addEventListener("click", async () => {
    const done = await openDialog({
      title: t("adaptResetTitle", { site: site.name }),
      body: [h("p", {}, t("adaptResetWarning"))],
      confirm: { label: t("adaptReset"), danger: true, run: async () => show((await call<{ adaptation: SiteAdaptation }>("DELETE", path)).adaptation) },
    });
    if (done) status.textContent = t("adaptResetDone");
  });
  call<{ adaptation: SiteAdaptation }>("GET", path).then(
    ({ adaptation }) => show(adaptation),
    (error) => {
      status.textContent = failureText(error, site.id);
    },
  );
  return h(
    "section",
    { class: "adaptation", "aria-labelledby": "adaptation-title" },
    h("h3", { id: "adaptation-title" }, t("adaptTitle")),
    h("p", { class: "hint" }, t("adaptIntro")),
    body,
    status,
    h("div", { class: "form-actions" }, reset),
  );
}
