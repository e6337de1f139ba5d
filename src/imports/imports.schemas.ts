import { z } from "@hono/zod-openapi";
import { importFormats, importStatuses, type ImportRow } from "../db/schema";
import { answersWith } from "../lib/errors";
import { siteIdSchema } from "../sites/sites.schemas";
import { articleRuleProblem } from "./articleRule";

export const importParams = z.object({ site: siteIdSchema, id: z.string().min(1).max(64) });

export const startImportQuerySchema = z.object({
  format: z
    .enum(importFormats)
    .openapi({ description: "disqus (Disqus XML export), wxr (WordPress WXR) or marginalia (this service's own export, .ndjson.gz or plain: a restore)" }),
  articleRule: z
    .string()
    .min(1)
    .max(500)
    .refine((rule) => articleRuleProblem(rule) === undefined, {
      message: "must be a valid regular expression with exactly one capture group",
      params: answersWith("invalid_request"),
    })
    .optional()
    .openapi({ description: "Thread → article: a regular expression on the thread's URL whose one capture group is the article id", example: "/news/(\\d+)" }),
  parts: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000)
    .optional()
    .openapi({ description: "Upload the file in this many parts (PUT …/parts/:n, then POST …/complete) instead of in the body" }),
});

export const partParams = importParams.extend({ n: z.coerce.number().int().min(1).max(10_000) });

export const completeSchema = z
  .object({
    parts: z
      .array(z.object({ partNumber: z.number().int().min(1).max(10_000), etag: z.string().min(1).max(200) }).strict())
      .min(1)
      .max(10_000),
  })
  .strict();

export const linkSchema = z.object({ sub: z.string().min(1).max(255).openapi({ description: "The reader's `sub` in the site's SSO tokens" }) }).strict();

const countsSchema = z.object({
  articles: z.number().int(),
  comments: z.number().int(),
  authors: z.number().int(),
  skipped: z.number().int(),
  rejected: z.number().int(),
});

export const importSchema = z
  .object({
    id: z.string(),
    format: z.enum(importFormats),
    status: z.enum(importStatuses).openapi({
      description:
        "uploading (parts not complete), queued, running, done or failed (and taken back); rolling_back and rolled_back once an admin takes a done import back (DELETE)",
    }),
    counts: countsSchema,
    errors: z.array(z.object({ line: z.number().int().optional(), sourceId: z.string().optional(), message: z.string() })),
    /** Bytes read so far of `bytes`: progress. */
    progress: z.object({ bytesRead: z.number().int(), bytes: z.number().int() }),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .openapi("Import");

export function toImportJson(row: ImportRow): z.infer<typeof importSchema> {
  return {
    id: row.id,
    format: row.format,
    status: row.status,
    counts: { articles: row.articles, comments: row.comments, authors: row.authors, skipped: row.skipped, rejected: row.rejected },
    errors: row.errors,
    progress: { bytesRead: row.status === "done" ? row.bytes : row.resumeOffset, bytes: row.bytes },
    createdAt: new Date(row.createdAt).toISOString(),
    finishedAt: row.finishedAt === null ? null : new Date(row.finishedAt).toISOString(),
  };
}

export const importListQuerySchema = z.object({ cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(100).default(20) });
