import * as oauth from "oauth4webapi";
import { ApiError } from "../../lib/errors";

/** Where in the flow a failure happened: the same library error means different things. */
export type Stage = "authorization" | "token" | "id_token" | "profile";

const ID_TOKEN_CODES = new Set<string>([oauth.JWT_CLAIM_COMPARISON, oauth.JWT_TIMESTAMP_CHECK, oauth.KEY_SELECTION]);

/**
 * Turns what oauth4webapi (or the network) threw into an ApiError a reader can act on:
 * a cancel, a provider refusal, an answer that does not belong to this login, or an ID token
 * that fails verification. Anything unexpected is logged and reported as a provider error.
 */
export function providerFailure(error: unknown, stage: Stage, label: string): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof oauth.AuthorizationResponseError) {
    if (error.error === "access_denied") return new ApiError("login_cancelled", `Logging in with ${label} was cancelled`);
    return new ApiError("provider_error", `${label} could not log you in (${error.error}); please try again`);
  }
  if (error instanceof oauth.ResponseBodyError) {
    if (error.error === "invalid_grant")
      return new ApiError("provider_error", `${label} refused the login code: it was already used or has expired; please start again`);
    return new ApiError("provider_error", `${label} refused the login (${error.error}); please try again`);
  }
  if (error instanceof oauth.OperationProcessingError) {
    if (stage === "authorization") return new ApiError("invalid_state", `The answer from ${label} does not belong to this login; please start again`);
    if (stage === "id_token" || ID_TOKEN_CODES.has(error.code ?? "") || /ID Token|JWT/.test(error.message)) {
      console.warn(`social login: ${label} ID token refused:`, error.message);
      return new ApiError("invalid_id_token", `${label}'s answer could not be verified; please start again`);
    }
  }
  console.error(`social login: ${label} failed at the ${stage} stage`, error);
  return new ApiError("provider_error", `${label} could not be reached or answered unexpectedly; please try again later`);
}
