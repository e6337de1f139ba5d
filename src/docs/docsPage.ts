import { html, raw } from "hono/html";

type Schema = { $ref?: string; type?: string | string[]; properties?: Record<string, Schema>; items?: Schema; enum?: unknown[]; description?: string };
type Operation = {
  summary?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema; description?: string }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
};
export type OpenApiDocument = { info: { title: string; description?: string }; paths?: Record<string, Record<string, Operation>> };

const methods = ["get", "post", "put", "patch", "delete"];

function schemaName(schema: Schema | undefined): string {
  if (!schema) return "";
  if (schema.$ref) return schema.$ref.split("/").pop() ?? "";
  if (schema.enum) return schema.enum.map(String).join(" | ");
  if (schema.type === "array") return `${schemaName(schema.items)}[]`;
  if (schema.properties) return `{ ${Object.keys(schema.properties).join(", ")} }`;
  return [schema.type ?? "any"].flat().join(" | ");
}

/**
 * A readable API reference rendered on the server from the OpenAPI document (no scripts and
 * no CDN, so it works offline); every value goes through hono/html's escaping.
 */
export function docsPage(doc: OpenApiDocument) {
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) => methods.filter((m) => item[m]).map((m) => ({ path, method: m, op: item[m]! })));
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${doc.info.title}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#1d1d1f}
.op{border:1px solid #ddd;border-radius:8px;padding:.75rem 1rem;margin:.75rem 0}
.m{font:600 12px monospace;text-transform:uppercase;padding:2px 6px;border-radius:4px;background:#eef;margin-right:.5rem}
code{background:#f5f5f7;padding:1px 4px;border-radius:4px} td{padding:2px 8px;vertical-align:top}
</style></head><body>
<h1>${doc.info.title}</h1><p>${doc.info.description ?? ""}</p>
<p>Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1). Errors are
<code>{ "error": { "code", "message", "details"? } }</code>.</p>
${operations.map(
  ({ path, method, op }) => html`<section class="op">
<div><span class="m">${method}</span><code>${path}</code> — ${op.summary ?? ""}${op.security ? raw(" 🔒") : ""}</div>
${op.parameters?.length ? html`<table>${op.parameters.map((p) => html`<tr><td><code>${p.name}</code></td><td>${p.in}${p.required ? ", required" : ""}</td><td>${schemaName(p.schema)}</td><td>${p.description ?? p.schema?.description ?? ""}</td></tr>`)}</table>` : ""}
${op.requestBody ? html`<div>Body: <code>${schemaName(op.requestBody.content?.["application/json"]?.schema)}</code></div>` : ""}
<div>Responses: ${Object.entries(op.responses ?? {}).map(([status, r]) => html`<code>${status}</code> ${r.description ?? ""}${r.content ? html` (<code>${r.content["application/json"] ? schemaName(r.content["application/json"].schema) : Object.keys(r.content).join(", ")}</code>)` : ""}; `)}</div>
</section>`,
)}
</body></html>`;
}
