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

/** Every denormalised counter of a site that differs from a recount of its rows (none, when exact). */
export async function counterDrift(siteId: string) {
  const live = "c.status = 'published' and c.deleted = 0";
  const reported = "c.deleted = 0 and c.reported_at is not null and c.status <> 'rejected'";
  return [
    ...(await rowsOf(
      `select 'article' as kind, a.id, a.comment_count as stored, (select count(*) from comments c where c.site_id = a.site_id and c.article_id = a.id and ${live}) as counted
       from articles a where a.site_id = ?`,
      siteId,
    )),
    ...(await rowsOf(
      `select 'replies' as kind, p.id, p.reply_count as stored, (select count(*) from comments c where c.parent_id = p.id and ${live}) as counted
       from comments p where p.site_id = ? and p.parent_id is null`,
      siteId,
    )),
    ...(await rowsOf(
      `select 'reports' as kind, p.id, p.report_count as stored, (select count(*) from reports r where r.comment_id = p.id) as counted
       from comments p where p.site_id = ? and p.deleted = 0`,
      siteId,
    )),
    ...(await rowsOf(`select 'net' as kind, c.id, c.net as stored, c.likes - c.dislikes as counted from comments c where c.site_id = ?`, siteId)),
    ...(await rowsOf(
      `select 'ratio' as kind, c.id, c.ratio_key as stored, case when c.likes + c.dislikes = 0 then 0
         when c.likes + c.dislikes >= coalesce((select json_extract(settings, '$.ratioMinReactions') from sites where id = c.site_id), 10)
           then 2 + c.likes * 1.0 / (c.likes + c.dislikes) else c.likes * 1.0 / (c.likes + c.dislikes) end as counted
       from comments c where c.site_id = ?`,
      siteId,
    )),
    ...(await rowsOf(
      `select 'author' as kind, u.id, json_array(u.published_count, u.pending_count, u.rejected_count, u.likes_received) as stored,
         (select json_array(coalesce(sum(${live}), 0), coalesce(sum(c.status = 'pending' and c.deleted = 0), 0), coalesce(sum(c.status = 'rejected' and c.deleted = 0), 0),
           coalesce(sum(case when ${live} then c.likes else 0 end), 0)) from comments c where c.author_id = u.id) as counted
       from users u where u.site_id = ?`,
      siteId,
    )),
    ...(await rowsOf(
      `select 'queue' as kind, q.queue as id, coalesce(s.count, 0) as stored, q.counted from (
         select 'reported' as queue, (select count(*) from comments c where c.site_id = ?1 and ${reported}) as counted
         union all select 'pending', (select count(*) from comments c where c.site_id = ?1 and not (${reported}) and c.deleted = 0 and c.status = 'pending')
         union all select 'rejected', (select count(*) from comments c where c.site_id = ?1 and c.deleted = 0 and c.status = 'rejected')
         union all select 'approved', (select count(*) from comments c where c.site_id = ?1 and not (${reported}) and c.deleted = 0 and c.status = 'published' and c.reviewed_at is not null)
       ) q left join queue_counts s on s.site_id = ?1 and s.queue = q.queue`,
      siteId,
    )),
  ].filter((r) => r.stored !== r.counted);
}

const rowsOf = async (sql: string, ...binds: unknown[]) =>
  (
    await env.DB.prepare(sql)
      .bind(...binds)
      .all()
  ).results;
