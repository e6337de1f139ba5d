/** The frame's language and its words (src/widget/client/frame/words.ts), `{x}` placeholders filled. */
import { words } from "./words";

export type Key = keyof typeof words;
export let lang: "ko" | "en" = "ko";

export function setLanguage(value: string): void {
  lang = value === "en" ? "en" : "ko";
}

/**
 * An entry of a words module in the reader's language, its `{name}` placeholders filled; values
 * are plain text, never markup. (A pair in the sources; a single string in a per-language build.)
 */
export function fill(entry: string | readonly string[], values: Record<string, string | number> = {}): string {
  const text = typeof entry === "string" ? entry : entry[lang === "en" ? 1 : 0]!;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ""));
}

/** A string of the first load's words (words.ts). */
export const t = (key: Key, values?: Record<string, string | number>) => fill(words[key], values);

/** "1 comment" reads better than "1 comments". */
export const countLabel = (n: number) => (lang === "en" && n === 1 ? "1 comment" : t("count", { n }));

/** Why a social login or link did not finish, from its error code. */
export const loginLabel = (code: string) => (`l_${code}` in words ? t(`l_${code}` as Key) : t("l_other", { code }));

/** Words for a moderation reason code; unknown codes read as a generic rule break. */
export const reasonLabel = (code: string) => t((`m_${code}` in words ? `m_${code}` : "m_other") as Key);
