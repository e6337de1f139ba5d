import { versionedUrl } from "../assets/serveAsset";
import { dashboardAssets, type DashboardAssetName } from "./generated/assets";

/** Versioned URL of a built dashboard file: cached for good, since a new build gets a new URL. */
const dashboardAssetUrl = (name: DashboardAssetName) => versionedUrl("/moderate", name, dashboardAssets[name]);

/**
 * The dashboard's Content-Security-Policy: this origin's script, style and API only, no
 * framing at all, and Trusted Types, so any stray `innerHTML = string` throws instead of
 * parsing markup a reader wrote.
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join("; ");

/**
 * The page shell: the built stylesheet and script, and a line to read until the script runs.
 * Nothing in it depends on the request, so it holds no data at all (the login and every queue
 * come from the API).
 *
 * @example
 * c.html(dashboardPage("ko"))
 */
export function dashboardPage(lang: "ko" | "en"): string {
  const title = lang === "ko" ? "Marginalia 운영 도구" : "Marginalia moderation";
  const loading = lang === "ko" ? "불러오는 중…" : "Loading…";
  const noScript = lang === "ko" ? "운영 도구는 자바스크립트가 필요합니다." : "The dashboard needs JavaScript.";
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex,nofollow"><meta name="referrer" content="no-referrer">
<title>${title}</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="${dashboardAssetUrl("dashboard.css")}">
<script src="${dashboardAssetUrl("dashboard.js")}" defer></script>
</head><body><div id="app"><p class="empty">${loading}</p></div><noscript><p>${noScript}</p></noscript></body></html>`;
}
