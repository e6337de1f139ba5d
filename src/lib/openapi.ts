import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { ZodError } from "zod";
import type { AppEnv } from "../env";
import { ApiError } from "./errors";

export const errorSchema = z
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
  return error.issues.map((issue) => {
    // An unknown field is reported on its parent; name the field itself.
    const keys = issue.code === "unrecognized_keys" ? issue.keys : [undefined];
    return keys.map((key) => ({ location, path: [...issue.path, ...(key === undefined ? [] : [key])].map(String).join("."), message: issue.message }));
  }).flat();
}

/**
 * A router whose validation failures all become one 400 envelope, so every route answers
 * bad input the same way.
 */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        throw new ApiError("invalid_request", "The request is not valid", describeIssues(result.error, result.target));
      }
    },
  });
}

const descriptions: Record<number, string> = {
  400: "Invalid input",
  401: "Missing or invalid session",
  403: "Not allowed",
  404: "Not found",
  409: "Conflict with the current state",
  413: "Request body too large",
  422: "Rejected by moderation, or needs the author's confirmation (needs_confirmation)",
  429: "Too many requests",
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

export const bearerSecurity = [{ session: [] as string[] }];
