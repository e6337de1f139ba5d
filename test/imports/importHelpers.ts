import { env } from "cloudflare:workers";
import type { RunLimits } from "../../src/imports/importJob";
import { runImport } from "../../src/imports/runImport";
import { ADMIN, api, apiWithBindings } from "../helpers";

/** The IMPORTS queue replaced by one that keeps nothing: tests run the jobs themselves (runToEnd). */
const noQueue = { send: async () => {} } as unknown as Queue<{ importId: string }>;

/** Uploads `xml` as an import of `site` (the API's own route) and returns the response. */
export async function upload(siteId: string, format: string, xml: string, query = "") {
  return apiWithBindings({ IMPORTS: noQueue }, `/api/v1/admin/sites/${siteId}/imports?format=${format}${query}`, {
    method: "POST",
    headers: { ...ADMIN, "Content-Type": "application/xml", "Content-Length": String(new TextEncoder().encode(xml).length) },
    body: xml,
  });
}

/**
 * Runs the import's job to its end as the queue consumer would, one invocation after another
 * (continuations are not enqueued: this loop is the queue), and returns the import as the API shows it.
 */
export async function runToEnd(siteId: string, importId: string, limits?: RunLimits) {
  let runs = 0;
  const bindings = { ...env, IMPORTS: noQueue };
  for (;;) {
    const outcome = await runImport(bindings, { importId }, limits);
    runs++;
    if (outcome !== "continue") break;
    if (runs > 10_000) throw new Error("import does not end");
  }
  const res = await api(`/api/v1/admin/sites/${siteId}/imports/${importId}`, { headers: ADMIN });
  return { ...res.body.import, runs };
}

/** Uploads and runs an import to its end. */
export async function importFile(siteId: string, format: string, xml: string, options: { query?: string; limits?: RunLimits } = {}) {
  const res = await upload(siteId, format, xml, options.query);
  if (res.status !== 202) throw new Error(`upload failed: ${res.status} ${res.text}`);
  return runToEnd(siteId, res.body.import.id, options.limits);
}

/** Every row count an import may touch, for "nothing left behind" checks. */
export async function siteRows(siteId: string) {
  const count = async (table: string, where = "site_id = ?") =>
    (await env.DB.prepare(`select count(*) as n from ${table} where ${where}`).bind(siteId).first<{ n: number }>())?.n ?? 0;
  return {
    comments: await count("comments"),
    users: await count("users"),
    articles: await count("articles"),
    sources: await count("import_sources"),
    queue: await count("queue_counts", "site_id = ? and count <> 0"),
  };
}
