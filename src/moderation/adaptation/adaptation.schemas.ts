import { z } from "@hono/zod-openapi";

const ratio = z.number().min(0).max(1).nullable();

/** What the dashboard shows of a site's adaptation (GET /sites/{site}/moderation/adaptation). */
export const adaptationSchema = z
  .object({
    labels: z.object({
      abusive: z.number().int().openapi({ description: "Labels from rejections (held or published comments)" }),
      clean: z.number().int().openapi({ description: "Labels from approvals and restorations" }),
      neededTotal: z.number().int().openapi({ description: "Labels before the site's own threshold applies" }),
      neededPerClass: z.number().int(),
    }),
    targetPrecision: z.number(),
    threshold: z.object({
      value: z.number(),
      source: z
        .enum(["setting", "site", "model"])
        .openapi({ description: "toxicityThreshold set by the site, calibrated on its decisions, or the built-in model's" }),
    }),
    estimate: z
      .object({
        precision: ratio,
        recall: ratio,
        observed: z
          .number()
          .int()
          .openapi({ description: "Recent comments the estimate rests on: labelled ones and unreviewed published ones (presumed clean)" }),
        abusive: z.number().int(),
      })
      .openapi({ description: "Holding at the threshold in use, measured on the site's recent comments with the scores they were given" }),
    updatedAt: z.string().nullable(),
  })
  .openapi("SiteAdaptation");

/** A queue item's explanation: the n-grams that pushed its score most, and the threshold it is judged against. */
export const explanationSchema = z
  .object({
    threshold: z.number().openapi({
      description: "The site's hold threshold in use (its setting, calibrated on its decisions, or the model's): a score at or above it is held",
    }),
    contributions: z.array(
      z.object({
        ngrams: z.array(z.string()).openapi({ description: "The n-grams (normalised) behind one hashed feature" }),
        weight: z.number().openapi({ description: "Push on the score's logit: positive towards abusive" }),
      }),
    ),
  })
  .openapi("ScoreExplanation");
