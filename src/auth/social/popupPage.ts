import type { z } from "@hono/zod-openapi";
import type { meSchema } from "../auth.schemas";
import type { ErrorCode } from "../../lib/errors";

/** What the popup posts to the widget iframe that opened it. */
export type LoginMessage =
  | {
      type: "marginalia:login";
      ok: true;
      kind: "login";
      provider: string;
      session: string;
      expiresAt: string;
      user: z.infer<typeof meSchema>;
      created: boolean;
      origin: string;
    }
  /** A verified identity to attach: the widget confirms it with POST /auth/link/confirm and its session. */
  | { type: "marginalia:login"; ok: true; kind: "link"; provider: string; linkProof: string; expiresAt: string; origin: string }
  | { type: "marginalia:login"; ok: false; provider: string | null; error: { code: ErrorCode; message: string } };

/** JSON safe inside a <script> element (no `</script>`, no line separators). */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * The page the provider's redirect lands on. It hands the result to `window.opener` with
 * `postMessage(message, serviceOrigin)`: the browser delivers it only if the opener is this
 * service's own widget iframe, never a host page (nor `*`). A success closes the popup; a
 * failure stays open with its message.
 */
export function popupPage(message: LoginMessage, serviceOrigin: string, scriptNonce: string): string {
  const heading = !message.ok
    ? "로그인하지 못했습니다 · Could not log in"
    : message.kind === "link"
      ? "계정을 확인했습니다 · Account verified"
      : "로그인했습니다 · Logged in";
  const detail = message.ok ? "이 창은 곧 닫힙니다. · This window closes by itself." : message.error.message;
  return `<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(heading)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:3rem auto;max-width:28rem;padding:0 1rem;color:#222}button{font:inherit;padding:.4rem 1rem}</style>
</head>
<body>
<h1>${escapeHtml(heading)}</h1>
<p id="detail">${escapeHtml(detail)}</p>
${message.ok ? "" : `<p><small>${escapeHtml(message.error.code)}</small></p>`}
<button type="button" id="close">닫기 · Close</button>
<script type="application/json" id="marginalia-login">${scriptJson(message)}</script>
<script nonce="${scriptNonce}">
(function () {
  var message = JSON.parse(document.getElementById("marginalia-login").textContent);
  var target = ${scriptJson(serviceOrigin)};
  document.getElementById("close").addEventListener("click", function () { window.close(); });
  if (window.opener) window.opener.postMessage(message, target);
  if (message.ok) window.close();
})();
</script>
</body>
</html>
`;
}
