/** The settings form's fields: how each setting is edited, shown and read back. */
import { h } from "./dom";
import { label, t, type Key } from "./i18n";
import type { SiteSettings } from "./types";

export type SettingValue = SiteSettings[keyof SiteSettings];
type Kind = "mode" | "profanity" | "int" | "ratio" | "words" | "optionalInt" | "optionalRatio" | "optionalUrl" | "bool";

/** The choices of the select kinds, and the prefix of their labels in the strings files. */
const CHOICES = {
  mode: { prefix: "pm_", options: ["off", "new-users", "all"] },
  profanity: { prefix: "pf_", options: ["reject", "hold", "mask"] },
} as const;

export interface SettingField {
  name: keyof SiteSettings;
  kind: Kind;
  hint?: Key;
  /** Only the admin token may change it (the API answers a moderator 403). */
  adminOnly?: boolean;
}

/** Grouped as a moderator thinks of them; names are the API's (src/sites/settings.ts). */
export const settingGroups: [Key, SettingField[]][] = [
  [
    "g_moderation",
    [
      { name: "premoderation", kind: "mode" },
      { name: "newUserCommentCount", kind: "int" },
      { name: "minAccountAgeSeconds", kind: "int" },
      { name: "rejectionRateThreshold", kind: "ratio" },
      { name: "targetPrecision", kind: "ratio", hint: "targetPrecisionHint" },
      { name: "toxicityThreshold", kind: "optionalRatio", hint: "toxicityThresholdHint" },
    ],
  ],
  [
    "g_words",
    [
      { name: "bannedWords", kind: "words", hint: "onePerLine" },
      { name: "suspectWords", kind: "words", hint: "onePerLine" },
      { name: "profanity", kind: "profanity", hint: "profanityHint" },
      { name: "profanityWords", kind: "words", hint: "profanityWordsHint" },
    ],
  ],
  [
    "g_reports",
    [
      { name: "reportThreshold", kind: "int" },
      { name: "autoHideThreshold", kind: "int" },
      { name: "maxLinks", kind: "int" },
    ],
  ],
  [
    "g_limits",
    [
      { name: "dailyLimit", kind: "int" },
      { name: "perArticleDailyLimit", kind: "int" },
      { name: "minIntervalSeconds", kind: "int" },
      { name: "editWindowSeconds", kind: "int" },
    ],
  ],
  [
    "g_readers",
    [
      { name: "publicHistory", kind: "bool", hint: "publicHistoryHint" },
      { name: "emailNotifications", kind: "bool", hint: "emailNotificationsHint" },
    ],
  ],
  [
    "g_other",
    [
      { name: "closeAfterDays", kind: "optionalInt", hint: "closeAfterHint" },
      { name: "webhookUrl", kind: "optionalUrl", hint: "webhookHint", adminOnly: true },
    ],
  ],
];

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** The control for a field, showing `value`. */
export function controlFor(f: SettingField, value: SettingValue): Control {
  const id = `setting-${f.name}`;
  if (f.kind === "mode" || f.kind === "profanity") {
    const { prefix, options } = CHOICES[f.kind];
    return h("select", { id, name: f.name }, ...options.map((option) => h("option", { value: option, selected: option === value }, label(prefix, option))));
  }
  if (f.kind === "bool") return h("input", { id, name: f.name, type: "checkbox", checked: value === true });
  if (f.kind === "words") return h("textarea", { id, name: f.name, rows: 5, value: Array.isArray(value) ? value.join("\n") : "" });
  if (f.kind === "optionalUrl") return h("input", { id, name: f.name, type: "url", inputMode: "url", value: value ?? "" });
  return h("input", {
    id,
    name: f.name,
    type: "number",
    step: f.kind === "ratio" || f.kind === "optionalRatio" ? "0.01" : "1",
    min: "0",
    value: value === null ? "" : String(value),
  });
}

/** The value a control holds, as the API takes it; an error message when it cannot be one. */
export function readControl(f: SettingField, control: Control): { value: SettingValue } | { error: string } {
  if (f.kind === "bool") return { value: (control as HTMLInputElement).checked };
  const raw = control.value.trim();
  switch (f.kind) {
    case "mode":
    case "profanity":
      return { value: raw };
    case "words":
      return {
        value: raw
          .split("\n")
          .map((w) => w.trim())
          .filter(Boolean),
      };
    case "optionalUrl":
      return { value: raw || null };
    case "optionalInt":
    // biome-ignore lint/suspicious/noFallthroughSwitchClause: a given optional number is read as a number below
    case "optionalRatio":
      if (!raw) return { value: null };
    // falls through: a given value must be a number
    default: {
      // An input of type number holds "" when what was typed is not a number.
      const n = Number(raw);
      return raw && Number.isFinite(n) ? { value: n } : { error: t("mustBeNumber") };
    }
  }
}
