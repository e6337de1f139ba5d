/** The social logins the site offers, and what to call them (a provider's brand, or the site's own name). */
import { providerName as brandName } from "../../../browser/providerName";
import { call, enc } from "./api";
import { state } from "./app";
import { lang } from "./i18n";
import type { Provider } from "./types";

/** Fetches the enabled providers into the state; none when the list cannot be read. */
export async function loadProviders(): Promise<void> {
  state.providers = await call<{ providers: Provider[] }>("GET", `/sites/${enc(state.config.site)}/login-providers`)
    .then((res) => res.providers)
    .catch(() => []);
}

/** "카카오", "Naver", the site's name for its own login (`sso:<site>`), else the id. */
export function providerName(id: string): string {
  if (id.startsWith("sso:")) return state.config.siteName;
  return brandName(id, state.providers.find((p) => p.id === id)?.label || id, lang);
}
