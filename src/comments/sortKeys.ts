import { type SQL, sql } from "drizzle-orm";
import { sites } from "../db/schema";
import { siteSettingsSchema } from "../sites/settings";

/**
 * The SET list of an UPDATE that changes a comment's likes and dislikes: the new counts and the
 * sort keys that follow from them, so the row is written once. `newLikes` and `newDislikes` are
 * the new counts as SQL the UPDATE can read (bound values, or columns of its FROM). The site's
 * `ratioMinReactions` is bound from the site the writer already loaded, so a reaction never
 * reads the site's settings in SQL; rare bulk writers pass `siteRatioMinReactions`.
 * `net` = likes − dislikes; `ratio_key` = 2 + likes / total with at least `ratioMinReactions`
 * reactions, else likes / total (0 without any). The arithmetic is the trigger
 * `comments_sort_keys`'s (migration 0015), whose WHEN then finds nothing to mend.
 *
 * @example db.run(sql`update ${comments} set ${countsAndSortKeys(sql`${3}`, sql`${1}`, 10)} where id = ${id}`)
 */
export function countsAndSortKeys(newLikes: SQL, newDislikes: SQL, ratioMinReactions: number | SQL): SQL {
  const [likes, dislikes] = [sql`(${newLikes})`, sql`(${newDislikes})`];
  const total = sql`(${likes} + ${dislikes})`;
  const share = sql`${likes} * 1.0 / ${total}`;
  return sql`likes = ${likes}, dislikes = ${dislikes}, net = ${likes} - ${dislikes},
    ratio_key = case when ${total} = 0 then 0 when ${total} >= ${ratioMinReactions} then 2 + ${share} else ${share} end`;
}

/**
 * A site's `ratioMinReactions` read in the statement itself (once per statement): for the rare
 * writers that have not loaded the site (an account's deletion, an archive's restore).
 */
export function siteRatioMinReactions(siteId: string): SQL {
  const fallback = siteSettingsSchema.shape.ratioMinReactions.parse(undefined);
  return sql`coalesce((select json_extract(${sites.settings}, '$.ratioMinReactions') from ${sites} where ${sites.id} = ${siteId}), ${fallback})`;
}
