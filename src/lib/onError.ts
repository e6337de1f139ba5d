import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "../env";
import { ApiError } from "./errors";

/** Turns anything thrown into the error envelope; unknown errors are logged, never leaked. */
export function renderError(error: Error, c: Context<AppEnv>): Response {
  if (error instanceof ApiError) return c.json(error.toBody(), error.status, error.headers);
  if (error instanceof HTTPException) {
    const known = toApiError(error);
    if (known) return c.json(known.toBody(), known.status);
  }
  console.error("Unhandled error", c.req.method, c.req.path, error);
  return c.json(new ApiError("internal_error", "Something went wrong on our side").toBody(), 500);
}

function toApiError(error: HTTPException): ApiError | undefined {
  if (error.status === 413) return new ApiError("payload_too_large", "The request body is too large");
  // @hono/zod-openapi's body gate: a route declaring a JSON body got another Content-Type, or a
  // body with none. Routes without a declared body have no gate, so a stray header never lands here.
  if (error.status === 415) return new ApiError("unsupported_media_type", "This route takes a JSON body: send it with Content-Type: application/json");
  if (error.status === 400) {
    const json = /json/i.test(error.message);
    return new ApiError(json ? "invalid_json" : "invalid_request", json ? "The request body is not valid JSON" : "The request is not valid");
  }
  if (error.status === 401) return new ApiError("unauthenticated", "Authentication is required");
  if (error.status === 403) return new ApiError("forbidden", "Not allowed");
  if (error.status === 404) return new ApiError("not_found", "Not found");
  return undefined;
}
