/** The frame's language and its words (src/widget/client/frame/words.ts), `{x}` placeholders filled. */
import { words } from "./words";

export type Key = keyof typeof words;
export let lang: "ko" | "en" = "ko";

export function setLanguage(value: string): void {
  lang = value === "en" ? "en" : "ko";
}

/** A string with its `{name}` placeholders filled; values are plain text, never markup. */
export function t(key: Key, values: Record<string, string | number> = {}): string {
  // A pair in the sources; a single string in a per-language build.
  const entry: string | readonly string[] = words[key];
  const text = typeof entry === "string" ? entry : entry[lang === "en" ? 1 : 0]!;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ""));
}

/** "1 comment" reads better than "1 comments". */
export const countLabel = (n: number) => (lang === "en" && n === 1 ? "1 comment" : t("count", { n }));

/** Why a social login or link did not finish, from its error code. */
export const loginLabel = (code: string) => (`l_${code}` in words ? t(`l_${code}` as Key) : t("l_other", { code }));

/** Words for a moderation reason code; unknown codes read as a generic rule break. */
export const reasonLabel = (code: string) => t((`m_${code}` in words ? `m_${code}` : "m_other") as Key);
