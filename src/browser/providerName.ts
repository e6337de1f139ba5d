/** The presets' labels are Korean (카카오, 네이버); pages in English show the brands' English names. */
const english: Record<string, string> = { kakao: "Kakao", naver: "Naver" };

/**
 * What to call a social login on a page in `lang`: the brand's English name in English, else
 * `label` (the site's name for it).
 *
 * @example
 * providerName("kakao", "카카오", "en") // "Kakao"
 */
export const providerName = (id: string, label: string, lang: string): string => (lang === "en" && english[id]) || label;
