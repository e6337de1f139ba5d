import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { decodeJwt, exportJWK, generateKeyPair, SignJWT, type JWK } from "jose";
import Provider, { type ClientAuthMethod, type ClientMetadata, type Configuration, type KoaContextWithOIDC } from "oidc-provider";

/** Provider ids the tests configure on sites; each needs its callback registered with the clients. */
const TEST_PROVIDER_IDS = ["corp", "other", "google", "kakao"];
const WORKER_ORIGIN = "https://marginalia.test";

export interface IssuerOptions {
  /** Origins of the service whose callbacks are registered (the API tests' by default; the e2e suite's wrangler dev). */
  serviceOrigins?: string[];
  /**
   * A login page instead of the automatic login: a form with the account name and
   * "로그인" / "취소" buttons, as a reader in a browser sees at a provider.
   */
  interactive?: boolean;
}

/**
 * Clients whose ID tokens the provider deliberately spoils after issuing them, re-signed with its
 * own key (so only the named check fails) — except `tamper-sig`, signed with a stranger's key.
 */
type Tamper = (claims: Record<string, unknown>) => Record<string, unknown>;
const tampers: Record<string, Tamper> = {
  "tamper-aud": (c) => ({ ...c, aud: "someone-else" }),
  "tamper-exp": (c) => ({ ...c, iat: Math.floor(Date.now() / 1000) - 3600, exp: Math.floor(Date.now() / 1000) - 1800 }),
  "tamper-nonce": (c) => ({ ...c, nonce: "not-the-nonce" }),
  "tamper-iss": (c) => ({ ...c, iss: "https://issuer.invalid" }),
  "tamper-sig": (c) => c,
};

/**
 * A real OpenID provider (`oidc-provider`) on a loopback port. Logging in is automatic: the
 * interaction logs in the account named by `login_hint` (default "reader"); a hint starting
 * with "cancel" ends it with `access_denied`, as a reader pressing "cancel" would. With
 * `interactive`, a login page asks instead. Consent is granted for whatever was asked.
 */
export async function startOidcIssuer(clientSecret: string, options: IssuerOptions = {}) {
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
  const server = createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: "test-key", alg: "RS256", use: "sig" } as JWK;
  const stranger = (await generateKeyPair("RS256")).privateKey;

  const redirect_uris = (options.serviceOrigins ?? [WORKER_ORIGIN]).flatMap((origin) => TEST_PROVIDER_IDS.map((id) => `${origin}/api/v1/auth/${id}/callback`));
  const client = (client_id: string, method: ClientAuthMethod = "client_secret_basic"): ClientMetadata => ({
    client_id,
    client_secret: clientSecret,
    redirect_uris,
    grant_types: ["authorization_code"],
    response_types: ["code"],
    token_endpoint_auth_method: method,
  });
  const configuration: Configuration = {
    clients: [client("marginalia"), client("marginalia-b"), client("marginalia-post", "client_secret_post"), ...Object.keys(tampers).map((id) => client(id))],
    jwks: { keys: [signingKey] },
    cookies: { keys: ["test-cookie-key"] },
    scopes: ["openid", "profile", "email", "profile_nickname", "profile_image"],
    claims: {
      openid: ["sub"],
      profile: ["name", "nickname", "picture"],
      email: ["email", "email_verified"],
      profile_nickname: ["nickname"],
      profile_image: ["picture"],
    },
    // Put profile claims in the ID token, as Google and Kakao do.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({
        sub: id,
        name: `Reader ${id}`,
        nickname: `닉네임 ${id}`,
        picture: `https://img.example/${id}.png`,
        email: `${id}@example.test`,
        email_verified: true,
      }),
    }),
    loadExistingGrant: async (ctx) => {
      const accountId = ctx.oidc.session?.accountId;
      if (!accountId || !ctx.oidc.client) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId });
      grant.addOIDCScope(String(ctx.oidc.params?.scope ?? "openid"));
      await grant.save();
      return grant;
    },
  };
  const provider = new Provider(issuer, configuration);

  provider.use(async (ctx: KoaContextWithOIDC, next: () => Promise<void>) => {
    await next();
    const tamper = tampers[ctx.oidc?.client?.clientId ?? ""];
    const body = ctx.body as { id_token?: string } | undefined;
    if (ctx.path !== "/token" || !tamper || !body?.id_token) return;
    const claims = tamper(decodeJwt(body.id_token));
    const key = ctx.oidc.client!.clientId === "tamper-sig" ? stranger : privateKey;
    ctx.body = { ...body, id_token: await new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: "test-key" }).sign(key) };
  });

  const callback = provider.callback();
  handle = (req, res) => {
    if (req.url?.startsWith("/interaction/")) {
      const step =
        req.method === "POST"
          ? submitLoginPage(provider, req, res)
          : options.interactive
            ? showLoginPage(provider, req, res)
            : finishInteraction(provider, req, res);
      step.catch((error) => res.writeHead(500).end(String(error)));
      return;
    }
    callback(req, res);
  };
  return { issuer, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function finishInteraction(provider: Provider, req: IncomingMessage, res: ServerResponse) {
  const details = await provider.interactionDetails(req, res);
  const hint = typeof details.params.login_hint === "string" ? details.params.login_hint : "reader";
  const result = hint.startsWith("cancel") ? { error: "access_denied", error_description: "End-User aborted interaction" } : { login: { accountId: hint } };
  await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The provider's login page: the account to log in as (the hint, or "reader"), log in or cancel. */
async function showLoginPage(provider: Provider, req: IncomingMessage, res: ServerResponse) {
  const details = await provider.interactionDetails(req, res);
  const hint = typeof details.params.login_hint === "string" ? details.params.login_hint : "reader";
  res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(`<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><title>테스트 OpenID 로그인</title></head>
<body style="font-family:sans-serif;margin:2rem">
<h1>테스트 OpenID 로그인</h1>
<form method="post" action="/interaction/${escapeHtml(details.uid)}">
<label>아이디 <input name="login" value="${escapeHtml(hint)}" autofocus></label>
<button name="action" value="login">로그인</button>
<button name="action" value="cancel">취소</button>
</form></body></html>`);
}

/** The login page's answer: log the named account in, or end the interaction with access_denied. */
async function submitLoginPage(provider: Provider, req: IncomingMessage, res: ServerResponse) {
  let body = "";
  for await (const chunk of req) body += chunk;
  const form = new URLSearchParams(body);
  const result =
    form.get("action") === "cancel"
      ? { error: "access_denied", error_description: "End-User aborted interaction" }
      : { login: { accountId: form.get("login") || "reader" } };
  await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
}
