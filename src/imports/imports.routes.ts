import { createRoute, z } from "@hono/zod-openapi";
import { ApiError } from "../lib/errors";
import { decodeKey, encodeKey } from "../lib/keysetCursor";
import { adminSecurity, createRouter, errorResponses, jsonBody, jsonResponse } from "../lib/openapi";
import { requireAdmin } from "../middleware/auth";
import { requireSite } from "../sites/requireSite";
import { siteIdSchema } from "../sites/sites.schemas";
import { findImport, listImports } from "./imports.queries";
import { linkImportedAuthor } from "./linkImportedAuthor";
import { takeBackImport } from "./takeBackImport";
import {
  completeSchema,
  linkSchema,
  importListQuerySchema,
  importParams,
  importSchema,
  partParams,
  startImportQuerySchema,
  toImportJson,
} from "./imports.schemas";
import { completeMultipartImport, startMultipartImport, uploadImport, uploadPart } from "./uploadImport";

const siteParams = z.object({ site: siteIdSchema });
const importResponse = z.object({ import: importSchema });

const routes = {
  start: createRoute({
    method: "post",
    path: "/sites/{site}/imports",
    tags: ["Imports"],
    summary: "Import a Disqus, WordPress or Marginalia export (the file is the body, up to 100 MB; or ?parts=N to send it in parts)",
    security: adminSecurity,
    request: { params: siteParams, query: startImportQuerySchema },
    responses: { 202: jsonResponse(importResponse, "Stored and queued (or waiting for its parts)"), ...errorResponses(400, 401, 403, 404, 413, 422, 503) },
  }),
  list: createRoute({
    method: "get",
    path: "/sites/{site}/imports",
    tags: ["Imports"],
    summary: "A site's imports, newest first",
    security: adminSecurity,
    request: { params: siteParams, query: importListQuerySchema },
    responses: {
      200: jsonResponse(z.object({ imports: z.array(importSchema), nextCursor: z.string().nullable() }), "One page"),
      ...errorResponses(400, 401, 403, 404),
    },
  }),
  get: createRoute({
    method: "get",
    path: "/sites/{site}/imports/{id}",
    tags: ["Imports"],
    summary: "An import's status, counts and first 100 errors",
    security: adminSecurity,
    request: { params: importParams },
    responses: { 200: jsonResponse(importResponse, "The import"), ...errorResponses(401, 403, 404) },
  }),
  takeBack: createRoute({
    method: "delete",
    path: "/sites/{site}/imports/{id}",
    tags: ["Imports"],
    summary: "Take a finished import back: everything it wrote is deleted (queued; the import becomes rolling_back, then rolled_back)",
    description:
      "Refused with 409 import_in_use (details: replies, loggedInAuthors) once readers replied to its comments or logged in to its authors' accounts; 409 state_changed unless the import is done. Readers' reactions, reports and folds of its comments go with them.",
    security: adminSecurity,
    request: { params: importParams },
    responses: { 202: jsonResponse(importResponse, "Queued to be taken back"), ...errorResponses(401, 403, 404, 409) },
  }),
  part: createRoute({
    method: "put",
    path: "/sites/{site}/imports/{id}/parts/{n}",
    tags: ["Imports"],
    summary: "Upload part n (1-based; every part but the last at least 5 MiB) of an import started with ?parts=N",
    security: adminSecurity,
    request: { params: partParams },
    responses: {
      200: jsonResponse(z.object({ part: z.object({ partNumber: z.number().int(), etag: z.string() }) }), "Stored; send it back to complete"),
      ...errorResponses(400, 401, 403, 404, 409, 413, 503),
    },
  }),
  link: createRoute({
    method: "post",
    path: "/sites/{site}/imported-authors/{id}/link",
    tags: ["Imports"],
    summary: "Give an imported author's comments to the reader with this SSO subject",
    security: adminSecurity,
    request: { params: importParams, ...jsonBody(linkSchema) },
    responses: { 200: jsonResponse(z.object({ userId: z.string() }), "The account that now owns the comments"), ...errorResponses(400, 401, 403, 404) },
  }),
  complete: createRoute({
    method: "post",
    path: "/sites/{site}/imports/{id}/complete",
    tags: ["Imports"],
    summary: "Join the uploaded parts and queue the import",
    security: adminSecurity,
    request: { params: importParams, ...jsonBody(completeSchema) },
    responses: { 202: jsonResponse(importResponse, "Queued"), ...errorResponses(400, 401, 403, 404, 409, 503) },
  }),
};

async function requireImport(db: Parameters<typeof findImport>[0], siteId: string, id: string) {
  const row = await findImport(db, siteId, id);
  if (!row) throw new ApiError("not_found", `No import '${id}' on this site`);
  return row;
}

export const importRoutes = createRouter();
importRoutes.use("/sites/:site/imports", requireAdmin);
importRoutes.use("/sites/:site/imports/*", requireAdmin);
importRoutes.use("/sites/:site/imported-authors/*", requireAdmin);

importRoutes
  .openapi(routes.start, async (c) => {
    const db = c.get("db");
    const site = await requireSite(db, c.req.valid("param").site);
    const { format, articleRule, parts } = c.req.valid("query");
    const args = { siteId: site.id, format, articleRule };
    const row = parts ? await startMultipartImport(db, c.env, args) : await uploadImport(db, c.env, c.req.raw, args);
    return c.json({ import: toImportJson(row) }, 202);
  })
  .openapi(routes.list, async (c) => {
    const db = c.get("db");
    const site = await requireSite(db, c.req.valid("param").site);
    const { cursor, limit } = c.req.valid("query");
    const rows = await listImports(db, site.id, limit + 1, cursor ? decodeKey(cursor, `imports:${site.id}`) : undefined);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const nextCursor = rows.length > limit && last ? encodeKey({ at: last.createdAt, id: last.id }, `imports:${site.id}`) : null;
    return c.json({ imports: page.map(toImportJson), nextCursor }, 200);
  })
  .openapi(routes.get, async (c) => {
    const { site, id } = c.req.valid("param");
    return c.json({ import: toImportJson(await requireImport(c.get("db"), site, id)) }, 200);
  })
  .openapi(routes.takeBack, async (c) => {
    const db = c.get("db");
    const { site, id } = c.req.valid("param");
    return c.json({ import: toImportJson(await takeBackImport(db, c.env, await requireImport(db, site, id))) }, 202);
  })
  .openapi(routes.part, async (c) => {
    const { site, id, n } = c.req.valid("param");
    const row = await requireImport(c.get("db"), site, id);
    return c.json({ part: await uploadPart(c.env, row, n, c.req.raw) }, 200);
  })
  .openapi(routes.link, async (c) => {
    const db = c.get("db");
    const { site, id } = c.req.valid("param");
    const siteId = (await requireSite(db, site)).id;
    return c.json({ userId: await linkImportedAuthor(db, siteId, id, c.req.valid("json").sub) }, 200);
  })
  .openapi(routes.complete, async (c) => {
    const db = c.get("db");
    const { site, id } = c.req.valid("param");
    const row = await requireImport(db, site, id);
    return c.json({ import: toImportJson(await completeMultipartImport(db, c.env, row, c.req.valid("json").parts)) }, 202);
  });
