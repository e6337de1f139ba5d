import { createRoute, z } from "@hono/zod-openapi";
import type { Env } from "../env";
import { ApiError } from "../lib/errors";
import { dayOf } from "../lib/iso";
import { adminSecurity, createRouter, errorResponses, jsonResponse } from "../lib/openapi";
import { requireAdmin } from "../middleware/auth";
import { requireSite } from "../sites/requireSite";
import { backupParams, backupSchema, exportFileResponse, siteParams } from "./archive.schemas";
import { backupKey, backUpSite, listBackups } from "./backups";
import { exportFileName, exportHeaders, exportStream } from "./exportSite";

const security = adminSecurity;

const routes = {
  export: createRoute({
    method: "get",
    path: "/sites/{site}/export",
    tags: ["Admin"],
    summary: "Download the whole site as gzipped NDJSON (the Marginalia export format; no secrets, no e-mail addresses)",
    security,
    middleware: [requireAdmin] as const,
    request: { params: siteParams },
    responses: { 200: exportFileResponse("`marginalia-<site>-<day>.ndjson.gz`, streamed as it is read"), ...errorResponses(400, 401, 403, 404) },
  }),
  list: createRoute({
    method: "get",
    path: "/sites/{site}/backups",
    tags: ["Admin"],
    summary: "The site's daily backups in R2, newest first (the last 7 are kept)",
    security,
    middleware: [requireAdmin] as const,
    request: { params: siteParams },
    responses: { 200: jsonResponse(z.object({ backups: z.array(backupSchema) }), "Backups"), ...errorResponses(400, 401, 403, 404, 503) },
  }),
  backUpNow: createRoute({
    method: "post",
    path: "/sites/{site}/backups",
    tags: ["Admin"],
    summary: "Back the site up now (today's backup is replaced), then keep the last 7",
    security,
    middleware: [requireAdmin] as const,
    request: { params: siteParams },
    responses: { 201: jsonResponse(z.object({ backup: backupSchema }), "The backup stored"), ...errorResponses(400, 401, 403, 404, 503) },
  }),
  download: createRoute({
    method: "get",
    path: "/sites/{site}/backups/{date}",
    tags: ["Admin"],
    summary: "Download one backup",
    security,
    middleware: [requireAdmin] as const,
    request: { params: backupParams },
    responses: { 200: exportFileResponse("The backup file"), ...errorResponses(400, 401, 403, 404, 503) },
  }),
};

function archiveOf(env: Env): R2Bucket {
  if (!env.ARCHIVE) throw new ApiError("misconfigured", "The service is misconfigured: no ARCHIVE bucket is bound");
  return env.ARCHIVE;
}

export const archiveRoutes = createRouter();

archiveRoutes
  .openapi(routes.export, async (c) => {
    const db = c.get("db");
    const site = await requireSite(db, c.req.valid("param").site);
    return c.body(exportStream(db, site.id), 200, exportHeaders(exportFileName(site.id, dayOf(Date.now()))));
  })
  .openapi(routes.list, async (c) => {
    const site = await requireSite(c.get("db"), c.req.valid("param").site);
    return c.json({ backups: await listBackups(archiveOf(c.env), site.id) }, 200);
  })
  .openapi(routes.backUpNow, async (c) => {
    const db = c.get("db");
    const site = await requireSite(db, c.req.valid("param").site);
    const bucket = archiveOf(c.env);
    const { key, date, size } = await backUpSite(db, bucket, site.id);
    const stored = await bucket.head(key);
    return c.json({ backup: { date, size, uploadedAt: (stored?.uploaded ?? new Date()).toISOString() } }, 201);
  })
  .openapi(routes.download, async (c) => {
    const { site: siteId, date } = c.req.valid("param");
    const site = await requireSite(c.get("db"), siteId);
    const object = await archiveOf(c.env).get(backupKey(site.id, date));
    if (!object) throw new ApiError("backup_not_found", `No backup of '${site.id}' on ${date}`);
    return c.body(object.body, 200, { ...exportHeaders(exportFileName(site.id, date)), "Content-Length": String(object.size) });
  });
