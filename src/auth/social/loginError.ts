import type { ContentfulStatusCode } from "hono/utils/http-status";

/** Why a social login ended without a session: the code the widget receives, and the page's status. */
export const loginErrorStatus = {
  invalid_request: 400,
  site_not_found: 404,
  origin_not_allowed: 403,
  provider_not_found: 404,
  provider_not_enabled: 403,
  /** The state is unknown, expired, already used, or was started in another browser. */
  invalid_state: 400,
  /** The reader cancelled at the provider (`error=access_denied`). */
  login_cancelled: 400,
  /** The provider answered an error, refused the code, or could not be reached. */
  provider_error: 502,
  /** The ID token failed verification: signature, issuer, audience, expiry or nonce. */
  invalid_id_token: 401,
  /** The provider identity already belongs to another account of the site. */
  identity_in_use: 409,
  /** The account already has another identity of this provider. */
  provider_already_linked: 409,
  /** The site's provider configuration is unusable (e.g. its secret is missing). */
  provider_misconfigured: 500,
  rate_limited: 429,
  internal_error: 500,
  /** The service itself is not set up (e.g. SECRETS_KEY is missing). */
  misconfigured: 503,
} as const satisfies Record<string, ContentfulStatusCode>;

export type LoginErrorCode = keyof typeof loginErrorStatus;

/**
 * How a social login fails: rendered as the popup's error page and its postMessage, never as
 * JSON (the popup is a page, not an API client).
 *
 * @example
 * throw new LoginError("invalid_state", "This login link has expired; start again");
 */
export class LoginError extends Error {
  readonly status: ContentfulStatusCode;

  constructor(
    readonly code: LoginErrorCode,
    message: string,
  ) {
    super(message);
    this.status = loginErrorStatus[code];
  }
}
