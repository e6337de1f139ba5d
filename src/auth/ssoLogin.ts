import type { Db } from "../db/client";
import type { User } from "../db/schema";
import type { Env } from "../env";
import { sha256Hex } from "../lib/crypto";
import { ApiError } from "../lib/errors";
import { unsealSecret } from "../lib/secretsKey";
import type { SiteRecord } from "../sites/sites.queries";
import { findIdentityOwner, upsertUserByIdentity } from "./accounts.queries";
import { mintSession, readSession, sessionStatement } from "./sessions.queries";
import { verifySsoToken, type SsoClaims } from "./sso";
import { recordSsoExchange } from "./ssoExchanges.queries";
import { runSteps } from "../db/client";
import { vouchedEmailStatement } from "../notifications/email/emailSettings.queries";
import { sealSecret } from "../lib/secretsKey";

/**
 * What makes a token "the same token": its `jti` for this subject, else the token itself. Both
 * are hashed, so nothing of the token is stored.
 */
async function ssoTokenKey(token: string, claims: Pick<SsoClaims, "sub" | "jti">): Promise<string> {
  return claims.jti === undefined ? `sha256:${await sha256Hex(token)}` : `jti:${await sha256Hex(JSON.stringify([claims.sub, claims.jti]))}`;
}

/** Whether a token was issued before the user's last "log out everywhere" (seconds against milliseconds). */
function issuedBeforeRevocation(claims: Pick<SsoClaims, "iat">, user: Pick<User, "sessionsRevokedAt"> | undefined): boolean {
  if (claims.iat === undefined || !user?.sessionsRevokedAt) return false;
  return claims.iat < Math.floor(user.sessionsRevokedAt / 1000);
}

/**
 * Exchanges a site's signed SSO token for a session. The token is verified (signature, claims,
 * lifetime, audience), refused when it was issued before the user logged out everywhere, and
 * then spent: a token logs in once (`401 token_replayed` afterwards, until it expires). The
 * user's profile and role follow the token, so a token without `role: "moderator"` ends
 * moderator power on every session of that user at once.
 */
export async function ssoLogin(db: Db, env: Pick<Env, "SECRETS_KEY" | "SECRETS_KEY_PREVIOUS">, site: SiteRecord, token: string, now = Date.now()) {
  const secret = await unsealSecret(env, site.ssoSecretSealed);
  const verified = await verifySsoToken(token, secret, site.id, now);
  if (!verified.ok) throw new ApiError("invalid_token", verified.reason);
  const { claims } = verified;
  const provider = `sso:${site.id}`;
  const owner = await findIdentityOwner(db, site.id, provider, claims.sub);
  if (issuedBeforeRevocation(claims, owner)) {
    throw new ApiError("invalid_token", "The token was issued before this account logged out everywhere; get a new one");
  }
  if (!(await recordSsoExchange(db, site.id, await ssoTokenKey(token, claims), claims.exp * 1000))) {
    throw new ApiError("token_replayed", "This token was already used to log in; each SSO token logs in once");
  }
  const user = await upsertUserByIdentity(
    db,
    site.id,
    provider,
    claims.sub,
    {
      displayName: claims.name,
      email: claims.email,
      avatarUrl: claims.avatar,
      role: claims.role,
      ...(claims.badges === undefined ? {} : { badges: claims.badges }),
    },
    now,
    owner?.identity ?? null,
  );
  const session = await mintSession(db, user.id, site.id, "sso", now);
  // The address notification e-mails may go to follows the site's latest word on it, in the
  // session's round trip; kept only while the site sends such e-mails at all.
  const vouched = site.settings.emailNotifications && claims.email !== undefined && claims.email_verified === true ? await sealSecret(env, claims.email) : null;
  const { opened } = await runSteps(db, {
    session: session.statement,
    email: vouchedEmailStatement(db, user.id, site.id, vouched, now),
    // The new session as requests will read it: whether it moderates (the role, or a grant).
    opened: sessionStatement(db, session.tokenHash, now),
  });
  return { user, session, moderates: readSession(opened, session.tokenHash)?.moderates ?? false };
}
