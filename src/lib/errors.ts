import type { ContentfulStatusCode } from "hono/utils/http-status";

/** Every error code a client can receive, with its HTTP status. */
export const errorStatus = {
  invalid_request: 400,
  invalid_json: 400,
  invalid_cursor: 400,
  invalid_parent: 400,
  /** Social login: the state is unknown, expired, already used, or was started in another browser. */
  invalid_state: 400,
  /** Social login: the reader cancelled at the provider (`error=access_denied`). */
  login_cancelled: 400,
  empty_body: 400,
  /** A notification e-mail's unsubscribe link whose token does not match. */
  invalid_link: 400,
  unauthenticated: 401,
  invalid_session: 401,
  invalid_token: 401,
  /** Social login: the ID token failed verification (signature, issuer, audience, expiry, nonce). */
  invalid_id_token: 401,
  forbidden: 403,
  wrong_site: 403,
  article_closed: 403,
  edit_window_passed: 403,
  own_comment: 403,
  origin_not_allowed: 403,
  provider_not_enabled: 403,
  banned: 403,
  /** The site turned its readers' public comment history off (setting publicHistory). */
  history_disabled: 403,
  /** The site does not send notification e-mails (setting emailNotifications). */
  email_not_enabled: 403,
  not_found: 404,
  site_not_found: 404,
  comment_not_found: 404,
  provider_not_found: 404,
  backup_not_found: 404,
  user_not_found: 404,
  conflict: 409,
  state_changed: 409,
  site_exists: 409,
  already_reported: 409,
  parent_deleted: 409,
  /** Social login: the provider identity already belongs to another account of the site. */
  identity_in_use: 409,
  /** Social login: the account already has another identity of this provider. */
  provider_already_linked: 409,
  idempotency_key_reused: 409,
  /** An import readers have built on since (replies to its comments, logins to its authors' accounts): it cannot be taken back. */
  import_in_use: 409,
  /** An upload without a Content-Length (the file is streamed to storage, whose size must be known). */
  length_required: 411,
  /** Opting in to e-mail needs an address the site vouched for (SSO email_verified). */
  email_not_verified: 409,
  /** An article already has its 3 pinned comments: unpin one first. */
  too_many_pins: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  needs_confirmation: 422,
  comment_rejected: 422,
  /** Only published top-level comments can be pinned or featured. */
  not_pinnable: 422,
  rate_limited: 429,
  internal_error: 500,
  /** A site's social login configuration is unusable (e.g. its secret is missing). */
  provider_misconfigured: 500,
  /** Social login: the provider answered an error, refused the code, or could not be reached. */
  provider_error: 502,
  misconfigured: 503,
  token_replayed: 401,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof errorStatus;

/**
 * Params for a zod refinement whose failure has its own code rather than `invalid_request`
 * (read by the validation hook, `createRouter`).
 *
 * @example
 * z.string().refine(hasVisibleText, { message: "must contain visible text", params: answersWith("empty_body") })
 */
export const answersWith = (code: ErrorCode) => ({ errorCode: code });

/**
 * The one way to fail a request: `onError` renders it as
 * `{ error: { code, message, details? } }` with the code's status.
 *
 * @example
 * throw new ApiError("comment_not_found", "No comment with this id");
 */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.status = errorStatus[code];
  }

  toBody() {
    return { error: { code: this.code, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) } };
  }
}
