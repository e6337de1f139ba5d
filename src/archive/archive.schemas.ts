import { z } from "@hono/zod-openapi";
import { siteIdSchema } from "../sites/sites.schemas";

export const siteParams = z.object({ site: siteIdSchema });

export const backupParams = siteParams.extend({
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a day as YYYY-MM-DD")
    .openapi({ example: "2026-11-30" }),
});

export const backupSchema = z
  .object({
    date: z.string().openapi({ description: "The UTC day of the backup (YYYY-MM-DD); one backup a day, the last 7 kept" }),
    size: z.number().int().openapi({ description: "Bytes of the gzipped file" }),
    uploadedAt: z.string(),
  })
  .openapi("Backup");

/** A gzipped NDJSON export, as OpenAPI describes a download. */
export const exportFileResponse = (description: string) => ({
  description,
  content: { "application/gzip": { schema: z.string().openapi({ format: "binary", description: "Gzipped NDJSON in the Marginalia export format" }) } },
});
