import { z } from "@hono/zod-openapi";

export const articleStateSchema = z
  .object({
    open: z.boolean().optional(),
    premoderation: z
      .enum(["off", "new-users", "all"])
      .nullable()
      .optional()
      .openapi({ description: "Overrides the site's mode for this article; null follows the site" }),
  })
  .strict()
  .refine((s) => s.open !== undefined || s.premoderation !== undefined, "give open and/or premoderation")
  .openapi("ArticleState");
