import { versionedUrl } from "../assets/serveAsset";
import { widgetAssets, widgetModules } from "./generated/assets";

type WidgetLang = "ko" | "en";

export interface FrameConfig {
  site: string;
  siteName: string;
  article: string;
  lang: WidgetLang;
  /** The host page's origin: the only one the frame talks to, and the only one that may embed it. */
  origin: string;
  editWindowSeconds: number;
  /** The site's `publicHistory`: authors' names open their comment history (댓글 이력). */
  history: boolean;
  /** The site's `emailNotifications`: the notification list offers the e-mail opt-in. */
  email: boolean;
  /** `auto` follows the reader's system (prefers-color-scheme); the host's data-theme forces one. */
  theme?: "auto" | "dark" | "light";
  /** The host's data-accent colour (#rgb … #rrggbbaa), set as --accent. */
  accent?: string;
}

/** JSON that is safe inside a <script> element: nothing in it can close the element. */
const scriptJson = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** Versioned URL of a built file: cached for good, since a new build gets a new URL. */
const assetUrl = (name: FrameAsset) => versionedUrl("/embed", name, widgetAssets[name]);

/** The chunks a frame script imports at once, preloaded beside it rather than after it (same versioned folder). */
const preloads = (name: FrameAsset) =>
  (widgetModules[name]?.imports ?? []).map((chunk) => `<link rel="modulepreload" href="${assetUrl(name).replace(/[^/]+$/, chunk)}">`).join("");

/** The frame's built files: its script per language (each with only its own words), and the stylesheet. */
export type FrameAsset = "frame.ko.js" | "frame.en.js" | "frame.css";

/**
 * The frame's Content-Security-Policy: its own scripts, styles and API only; embeddable only by
 * the host origin; and Trusted Types, so any stray `innerHTML = string` throws instead of
 * parsing markup. Avatars may come from any https host.
 */
export function frameCsp(origin: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "connect-src 'self'",
    "img-src 'self' https: data:",
    `frame-ancestors ${origin}`,
    "base-uri 'none'",
    "form-action 'none'",
    "require-trusted-types-for 'script'",
    "trusted-types 'none'",
  ].join("; ");
}

/**
 * The page inside the iframe: the built stylesheet and script, and the configuration they
 * start from. What shows before the script runs is a loading line. (No viewport meta: an
 * iframe is laid out at its own width, and browsers ignore the tag in frames.)
 *
 * @example
 * c.html(frameHtml({ site: "demo", siteName: "데모", article: "a1", lang: "ko", origin: "https://news.example", editWindowSeconds: 300 }))
 */
export function frameHtml(config: FrameConfig): string {
  const title = config.lang === "ko" ? "댓글" : "Comments";
  const loading = config.lang === "ko" ? "댓글을 불러오는 중…" : "Loading comments…";
  return `<!doctype html>
<html lang="${config.lang}" data-theme="${config.theme ?? "auto"}"><head><meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${assetUrl("frame.css")}">
<script type="module" src="${assetUrl(`frame.${config.lang}.js`)}"></script>${preloads(`frame.${config.lang}.js`)}
<script type="application/json" id="marginalia-config">${scriptJson(config)}</script>
</head><body><main id="marginalia" aria-label="${escapeHtml(title)}"><p class="m-empty">${escapeHtml(loading)}</p></main></body></html>`;
}
