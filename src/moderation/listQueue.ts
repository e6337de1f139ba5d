import type { z } from "@hono/zod-openapi";
import type { Db } from "../db/client";
import type { Queue } from "../db/schema";
import { decodeKey, encodeKey } from "../lib/keysetCursor";
import { isBanActive } from "./bans.queries";
import { queueContext, queuePage, queueSizes, sortValue } from "./queue.queries";
import { toModeratedComment, type queueItemSchema } from "./moderation.schemas";
import { iso } from "../lib/iso";
import { loadSiteScoring } from "./adaptation/siteScoring";
import { topContributions } from "./adaptation/explain";
import { holdThreshold } from "./adaptation/holdThreshold";
import { scoredText } from "./moderateComment";

/**
 * A page of a moderation queue with everything a moderator needs to decide at a glance: the
 * comment, its article, the author's history and ban, every pipeline reason and every report,
 * and the n-grams that pushed its score against the site's hold threshold in use
 * (`toxicityThreshold`: the site's explicit setting, null when it has none).
 */
export async function listQueue(db: Db, siteId: string, queue: Queue, cursor: string | undefined, limit: number, toxicityThreshold: number | null) {
  const after = cursor ? decodeKey(cursor, queue) : undefined;
  const [rows, counts, scoring] = await Promise.all([queuePage(db, siteId, queue, after, limit), queueSizes(db, siteId), loadSiteScoring(db, siteId)]);
  const page = rows.slice(0, limit);
  const ctx = await queueContext(db, siteId, page);
  const threshold = holdThreshold(toxicityThreshold, scoring.calibratedThreshold).value;
  const items: z.infer<typeof queueItemSchema>[] = page.map((c) => {
    const author = ctx.authors.get(c.authorId);
    const ban = ctx.bans.get(c.authorId);
    const article = ctx.articles.get(c.articleId);
    const text = scoredText(c);
    return {
      comment: toModeratedComment(c),
      article: { id: c.articleId, title: article?.title ?? null, url: article?.url ?? null },
      author: {
        id: c.authorId,
        name: author?.name ?? "(deleted account)",
        avatar: author?.avatar ?? null,
        createdAt: iso(author?.createdAt ?? 0),
        // Denormalised per-author counters (kept by triggers): one row per author, however prolific.
        history: { published: author?.published ?? 0, pending: author?.pending ?? 0, rejected: author?.rejected ?? 0 },
        ban: ban && isBanActive(ban) ? { until: ban.until === null ? null : iso(ban.until), reason: ban.reason } : null,
      },
      reasons: c.reasons,
      reports: (ctx.reports.get(c.id) ?? []).map((r) => ({ reason: r.reason, note: r.note, userId: r.userId, createdAt: iso(r.createdAt) })),
      // Re-extracted from the text it was scored on, with the site's current weights: nothing is stored per comment.
      explanation: c.toxicity === null || text === null ? null : { threshold, contributions: topContributions(text, scoring.model) },
    };
  });
  const last = page[page.length - 1];
  const nextCursor = rows.length > limit && last ? encodeKey({ at: sortValue(queue, last), id: last.id }, queue) : null;
  return { items, counts, nextCursor };
}
