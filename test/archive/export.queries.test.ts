import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  articlePager,
  authorPager,
  banPager,
  identityPager,
  moderationActionPager,
  moderatorPager,
  type Pager,
  replyPager,
  reportPager,
  topLevelCommentPager,
} from "../../src/archive/export.queries";
import { createDb } from "../../src/db/client";

type AnyPager = Pager<unknown, unknown>;
type Built = { toSQL(): { sql: string; params: unknown[] } };

/** SQLite's plan for a pager's page query after `after`. */
async function planOf(pager: AnyPager, after: unknown): Promise<string[]> {
  const { sql, params } = (pager.page(createDb(env.DB), "site", after, 10, Date.now()) as unknown as Built).toSQL();
  const plan = await env.DB.prepare(`explain query plan ${sql}`)
    .bind(...params)
    .all<{ detail: string }>();
  return plan.results.map((row) => row.detail);
}

describe("export page queries", () => {
  const cases: [string, AnyPager, unknown, string][] = [
    ["articles", articlePager as AnyPager, "a", "sqlite_autoindex_articles_1"],
    ["authors", authorPager as AnyPager, ["name", "id"], "users_site_name_idx"],
    ["identities", identityPager as AnyPager, ["sso:site", "sub"], "sqlite_autoindex_identities_1"],
    [
      "top-level comments",
      topLevelCommentPager as AnyPager,
      [1, "id"],
      "comments_site_parent_idx (site_id=? AND parent_id=? AND (created_at,id)>(?,?) AND created_at<?)",
    ],
    ["replies", replyPager as AnyPager, ["parent", 1, "id"], "comments_site_parent_idx (site_id=? AND (parent_id,created_at,id)>(?,?,?))"],
    ["first replies", replyPager as AnyPager, undefined, "comments_site_parent_idx"],
    ["reports", reportPager as AnyPager, [1, "id"], "reports_site_idx"],
    ["moderators", moderatorPager as AnyPager, "u", "sqlite_autoindex_moderators_1"],
    ["bans", banPager as AnyPager, "u", "sqlite_autoindex_bans_1"],
    ["audit log", moderationActionPager as AnyPager, [1, "id"], "actions_site_idx (site_id=? AND (created_at,id)>(?,?) AND created_at<?)"],
  ];
  for (const [name, pager, after, index] of cases) {
    it(`seeks ${name} through ${index.split(" ")[0]}, never a scan`, async () => {
      const plan = await planOf(pager, after);
      expect(plan[0]).toContain(`USING INDEX ${index}`);
      expect(plan.join("\n")).not.toMatch(/\bSCAN\b/);
    });
  }
});
