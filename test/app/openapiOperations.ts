import { api } from "../helpers";

/** One operation of the served OpenAPI document, as the fuzz test walks it. */
export interface Operation {
  method: string;
  /** The path template, e.g. `/api/v1/comments/{id}`. */
  path: string;
  pathParams: string[];
  queryParams: string[];
  headerParams: string[];
  /** The JSON body's top-level fields, or null when the operation declares no body. */
  bodyFields: string[] | null;
  /** The route documents its errors as an HTML page (the login popup), not the JSON envelope. */
  htmlErrors: boolean;
}

interface Schema {
  $ref?: string;
  properties?: Record<string, unknown>;
}

interface RawOperation {
  parameters?: { in: string; name: string }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, unknown> }>;
}

/**
 * Every operation the Worker documents, read from its own `/api/v1/openapi.json`: a route added
 * later is fuzzed without touching the test.
 */
export async function listOperations(): Promise<Operation[]> {
  const doc = (
    await api<{
      paths: Record<string, Record<string, RawOperation>>;
      components?: { schemas?: Record<string, Schema> };
    }>("/api/v1/openapi.json")
  ).body;
  const resolve = (schema: Schema | undefined) => (schema?.$ref ? doc.components?.schemas?.[schema.$ref.replace("#/components/schemas/", "")] : schema);
  return Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, op]) => {
      const params = (where: string) => (op.parameters ?? []).filter((p) => p.in === where).map((p) => p.name);
      const body = op.requestBody?.content?.["application/json"];
      return {
        method: method.toUpperCase(),
        path,
        pathParams: params("path"),
        queryParams: params("query"),
        headerParams: params("header"),
        bodyFields: body ? Object.keys(resolve(body.schema)?.properties ?? {}) : null,
        htmlErrors: Object.entries(op.responses ?? {}).some(([status, r]) => Number(status) >= 400 && r.content?.["text/html"]),
      };
    }),
  );
}

/** The path with each `{name}` replaced by its (already URL-encoded) value. */
export function fillPath(op: Operation, values: Record<string, string>): string {
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? "x");
}

/** Routes whose success ends the caller's session: they get a throwaway reader. */
export function endsSession(op: Operation): boolean {
  return op.path === "/api/v1/auth/logout" || op.path === "/api/v1/auth/logout-everywhere" || (op.method === "DELETE" && op.path === "/api/v1/me");
}
