/**
 * The dashboard's words in Korean (the default) and English: `?lang=en|ko` wins, then the
 * browser's language. `{x}` placeholders are filled by `t()` with plain text, never markup.
 */
import { en } from "./strings.en";
import { ko, type Strings } from "./strings.ko";

export type Key = keyof Strings;

/** `?lang=` first, then the browser's language; Korean unless English is asked for. */
function pickLanguage(): "ko" | "en" {
  const asked = new URLSearchParams(location.search).get("lang");
  if (asked === "ko" || asked === "en") return asked;
  return (navigator.language || "ko").toLowerCase().startsWith("en") ? "en" : "ko";
}

export const lang = pickLanguage();
const strings: Strings = lang === "en" ? en : ko;

/** A string with its `{name}` placeholders filled. */
export function t(key: Key, values: Record<string, string | number> = {}): string {
  return strings[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ""));
}

/** Words for a code with a prefix (`m_` reasons, `a_` audit actions, `r_` report reasons, `l_` social login failures); the code itself when unknown. */
export function label(prefix: "m_" | "a_" | "r_" | "s_" | "q_" | "pm_" | "pf_" | "l_", code: string): string {
  const key = `${prefix}${code}`;
  return key in strings ? strings[key as Key] : code;
}
