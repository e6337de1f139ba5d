import { OpenAPIHono, type RouteConfig, z } from "@hono/zod-openapi";
import type { ZodError } from "zod";
import type { AppEnv } from "../env";
import { ApiError, errorStatus, type ErrorCode } from "./errors";

const errorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "invalid_request" }),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .openapi("Error");

/** Zod issues as `[{ location, path, message }]`, naming the field that failed. */
export function describeIssues(error: ZodError, location: string) {
  return error.issues.flatMap((issue) => {
    // An unknown field is reported on its parent; name the field itself.
    const keys = issue.code === "unrecognized_keys" ? issue.keys : [undefined];
    return keys.map((key) => ({ location, path: [...issue.path, ...(key === undefined ? [] : [key])].map(String).join("."), message: issue.message }));
  });
}

/**
 * `invalid_request`, unless every issue is a refinement tagged with one code of its own
 * ({@link answersWith}): a client must tell "your comment is empty" from a bug of its own, but
 * a request wrong in several ways stays `invalid_request`.
 */
function errorCodeOf(error: ZodError): ErrorCode {
  const tags = new Set(error.issues.map((issue) => (issue.code === "custom" ? issue.params?.errorCode : undefined)));
  const [only] = tags;
  return tags.size === 1 && typeof only === "string" && only in errorStatus ? (only as ErrorCode) : "invalid_request";
}

/**
 * A router whose validation failures all become one 400 envelope, so every route answers
 * bad input the same way.
 */
export function createRouter() {
  const router = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        throw new ApiError(errorCodeOf(result.error), "The request is not valid", describeIssues(result.error, result.target));
      }
    },
  });
  // Every route that declares a body gets @hono/zod-openapi's media-type gate (415), so every
  // such route documents it; done here so no route can forget it.
  const register = router.openapi;
  router.openapi = ((route: RouteConfig, ...rest: unknown[]) =>
    (register as (...args: unknown[]) => unknown)(documentMediaType(route), ...rest)) as typeof register;
  return router;
}

function documentMediaType<R extends RouteConfig>(route: R): R {
  return route.request?.body ? { ...route, responses: { ...route.responses, ...errorResponses(415) } } : route;
}

const descriptions: Record<number, string> = {
  400: "Invalid input",
  401: "Missing or invalid session",
  403: "Not allowed",
  404: "Not found",
  409: "Conflict with the current state",
  413: "Request body too large",
  415: "The body is not sent as JSON (unsupported_media_type)",
  422: "Rejected by moderation, or needs the author's confirmation (needs_confirmation)",
  429: "Too many requests",
  503: "The service is misconfigured (misconfigured), e.g. SECRETS_KEY is missing",
};

/** OpenAPI response entries for the error statuses a route can answer. */
export function errorResponses(...statuses: (keyof typeof descriptions)[]) {
  return Object.fromEntries(
    statuses.map((status) => [status, { description: descriptions[status]!, content: { "application/json": { schema: errorSchema } } }]),
  );
}

/** One JSON response entry for OpenAPI. */
export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } };
}

/** Who may call a route, as OpenAPI security requirements (the schemes are registered in app.ts). */
export const bearerSecurity = [{ session: [] as string[] }];
export const adminSecurity = [{ admin: [] as string[] }];
/** A moderator's session, or the admin token (every site). */
export const moderatorSecurity: Record<string, string[]>[] = [{ session: [] }, { admin: [] }];

/** The `:site` path parameter most routes share. */
export const siteParam = z.object({ site: z.string().min(1).max(64).openapi({ example: "demo" }) });
/** The `:id` path parameter of routes on one comment. */
export const idParam = z.object({ id: z.string().min(1).max(64) });

/**
 * A route's JSON request body, validated by `schema`; `required: false` lets a client omit it.
 *
 * @example
 * request: { params: idParam, ...jsonBody(reportSchema) }
 */
export function jsonBody<T extends z.ZodType>(schema: T, required = true) {
  return { body: { content: { "application/json": { schema } }, required } };
}
