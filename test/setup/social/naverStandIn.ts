import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export const NAVER_CLIENT_ID = "naver-test-client";

const token = () => randomBytes(24).toString("base64url");
const json = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { "Content-Type": "application/json;charset=utf-8" }).end(JSON.stringify(body));

async function formOf(req: IncomingMessage, url: URL): Promise<URLSearchParams> {
  let body = "";
  for await (const chunk of req) body += chunk;
  return req.method === "POST" ? new URLSearchParams(body) : url.searchParams;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** Naver's login page, played: the authorize parameters carried along, the member's name, log in or cancel. */
function loginPage(res: ServerResponse, params: URLSearchParams) {
  const hidden = [...params].map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`).join("");
  res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(`<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><title>네이버 로그인 (테스트)</title></head>
<body style="font-family:sans-serif;margin:2rem">
<h1>네이버 로그인 (테스트)</h1>
<form method="get" action="/oauth2.0/authorize">${hidden}
<label>아이디 <input name="user" value="member" autofocus></label>
<button>로그인</button>
<button name="cancel" value="1">취소</button>
</form></body></html>`);
}

/**
 * A stand-in for Naver Login speaking its documented formats: `/oauth2.0/authorize` (logs in the
 * member named by `user`, or cancels with `cancel=1` as Naver's "취소" does), `/oauth2.0/token`
 * (client credentials, code and state; errors come back with status 200 and `{ error,
 * error_description }`, and `expires_in` is a string) and `/v1/nid/me` (`{ resultcode: "00",
 * message, response: { id, nickname, name, email, profile_image } }`, or 401 with `resultcode`
 * "024"). With `interactive`, an authorize request naming neither asks on a login page (member
 * name, "로그인" or "취소"), as Naver's own page would in a browser.
 */
export async function startNaverStandIn(clientSecret: string, options: { interactive?: boolean } = {}) {
  const codes = new Map<string, { member: string; state: string }>();
  const accessTokens = new Map<string, string>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname === "/oauth2.0/authorize") {
      const redirect = new URL(url.searchParams.get("redirect_uri") ?? "");
      const state = url.searchParams.get("state") ?? "";
      if (url.searchParams.get("client_id") !== NAVER_CLIENT_ID) return json(res, 400, { error: "invalid_client" });
      if (options.interactive && !url.searchParams.has("user") && !url.searchParams.has("cancel")) return loginPage(res, url.searchParams);
      redirect.searchParams.set("state", state);
      if (url.searchParams.get("cancel") === "1") {
        redirect.searchParams.set("error", "access_denied");
        redirect.searchParams.set("error_description", "Canceled By User");
      } else {
        const code = token();
        codes.set(code, { member: url.searchParams.get("user") ?? "member", state });
        redirect.searchParams.set("code", code);
      }
      return res.writeHead(302, { Location: redirect.href }).end();
    }
    if (url.pathname === "/oauth2.0/token") {
      formOf(req, url).then((form) => {
        const grant = codes.get(form.get("code") ?? "");
        codes.delete(form.get("code") ?? "");
        if (form.get("client_id") !== NAVER_CLIENT_ID || form.get("client_secret") !== clientSecret) {
          return json(res, 200, { error: "invalid_client", error_description: "Invalid client" });
        }
        if (form.get("grant_type") !== "authorization_code" || !grant || grant.state !== form.get("state")) {
          return json(res, 200, { error: "invalid_request", error_description: "no valid data in session" });
        }
        const accessToken = token();
        accessTokens.set(accessToken, grant.member);
        return json(res, 200, { access_token: accessToken, refresh_token: token(), token_type: "bearer", expires_in: "3600" });
      });
      return;
    }
    if (url.pathname === "/v1/nid/me") {
      const member = accessTokens.get(/^Bearer (\S+)$/.exec(req.headers.authorization ?? "")?.[1] ?? "");
      if (!member) return json(res, 401, { resultcode: "024", message: "Authentication failed / 인증에 실패했습니다." });
      return json(res, 200, {
        resultcode: "00",
        message: "success",
        response: {
          id: `naver-${member}`,
          nickname: `네이버 ${member}`,
          name: "홍길동",
          email: `${member}@naver.test`,
          profile_image: `https://phinf.example/${member}.png`,
        },
      });
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
