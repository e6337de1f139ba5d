import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { BatchStatement, Db } from "../db/client";
import { dailyCounters } from "../db/schema";
import { ApiError } from "../lib/errors";
import { dayOf } from "../lib/iso";
import type { SiteSettings } from "../sites/settings";

/** The article id of the site-wide counter row. */
const SITE_WIDE = "";

export interface QuotaScope {
  siteId: string;
  userId: string;
  articleId: string;
  now: number;
}

const counter = (s: QuotaScope, articleId: string, column: "count" | "last_at") =>
  sql`coalesce((select ${sql.raw(column)} from ${dailyCounters} where site_id = ${s.siteId} and user_id = ${s.userId} and day = ${dayOf(s.now)} and article_id = ${articleId}), 0)`;

/**
 * True while the author is within the site's daily limit, the per-article daily limit and the
 * minimum interval. Used as a condition of the insert itself, so concurrent posts cannot
 * overshoot the quota between a check and the write.
 */
export function withinQuota(s: QuotaScope, settings: SiteSettings): SQL {
  return sql`${counter(s, SITE_WIDE, "count")} < ${settings.dailyLimit}
    and ${counter(s, s.articleId, "count")} < ${settings.perArticleDailyLimit}
    and ${counter(s, SITE_WIDE, "last_at")} <= ${s.now - settings.minIntervalSeconds * 1000}`;
}

/** Counts a posted comment (deleted ones keep counting), when `guard` says it was written. */
export function countPost(db: Db, s: QuotaScope, guard: SQL): BatchStatement[] {
  return [SITE_WIDE, s.articleId].map((articleId) =>
    db.run(sql`
      insert into ${dailyCounters} (site_id, user_id, day, article_id, count, last_at)
      select ${s.siteId}, ${s.userId}, ${dayOf(s.now)}, ${articleId}, 1, ${s.now} where ${guard}
      on conflict (site_id, user_id, day, article_id) do update set count = count + 1, last_at = excluded.last_at`),
  );
}

/** Today's counters of the author (site-wide and on the article), as a statement for a batch: always one row. */
export function quotaStatement(db: Db, s: QuotaScope) {
  const { siteId, userId, articleId } = dailyCounters;
  const onSite = sql`${articleId} = ${SITE_WIDE}`;
  return db
    .select({
      daily: sql<number>`coalesce(sum(case when ${onSite} then ${dailyCounters.count} end), 0)`,
      article: sql<number>`coalesce(sum(case when ${articleId} = ${s.articleId} then ${dailyCounters.count} end), 0)`,
      last: sql<number>`coalesce(max(case when ${onSite} then ${dailyCounters.lastAt} end), 0)`,
    })
    .from(dailyCounters)
    .where(and(eq(siteId, s.siteId), eq(userId, s.userId), eq(dailyCounters.day, dayOf(s.now)), inArray(articleId, [SITE_WIDE, s.articleId])));
}

export type QuotaRow = Awaited<ReturnType<typeof quotaStatement>>[number];

/** Answers 429 with Retry-After when the counters (`quotaStatement`) show the author over a limit; returns quietly otherwise. */
export function refuseOverQuota(row: QuotaRow | undefined, s: QuotaScope, settings: SiteSettings): void {
  if (!row) return;
  const untilTomorrow = Math.ceil((Date.parse(`${dayOf(s.now)}T00:00:00Z`) + 24 * 3600 * 1000 - s.now) / 1000);
  if (row.daily >= settings.dailyLimit) throw limited(`You can post ${settings.dailyLimit} comments a day on this site`, untilTomorrow, "daily");
  if (row.article >= settings.perArticleDailyLimit) {
    throw limited(`You can post ${settings.perArticleDailyLimit} comments a day on one article`, untilTomorrow, "per_article");
  }
  const wait = Math.ceil((row.last + settings.minIntervalSeconds * 1000 - s.now) / 1000);
  if (wait > 0) throw limited(`Wait ${wait} s before posting again`, wait, "interval");
}

/** Answers 429 with Retry-After when the author is over a limit; returns quietly otherwise. */
export async function assertWithinQuota(db: Db, s: QuotaScope, settings: SiteSettings): Promise<void> {
  refuseOverQuota((await quotaStatement(db, s))[0], s, settings);
}

export function limited(message: string, retryAfter: number, limit: string): ApiError {
  return new ApiError("rate_limited", message, { limit, retryAfter }, { "Retry-After": String(Math.max(1, retryAfter)) });
}
