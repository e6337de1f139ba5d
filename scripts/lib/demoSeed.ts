import { seal } from "../../src/lib/crypto";
import { DEMO_ARTICLE, DEMO_SITE } from "../../src/widget/demo/demoPage";

/** The demo site `npm run dev` seeds: a Korean news site with one article and a short thread (shown at /demo). */
export { DEMO_ARTICLE, DEMO_SITE };

const q = (value: string | number | null) => (value === null ? "NULL" : typeof value === "number" ? String(value) : `'${value.replace(/'/g, "''")}'`);

const demoComments = [
  {
    id: "01DEMO0000000000000000C001",
    author: "01DEMO0000000000000000U001",
    parent: null,
    body: "AI 연구에 대한 투자가 반갑네요. 국내 인재들이 해외로 나가지 않게 되길 바랍니다.",
    likes: 12,
  },
  {
    id: "01DEMO0000000000000000C002",
    author: "01DEMO0000000000000000U002",
    parent: null,
    body: "초거대 AI라는 표현이 좀 과장된 것 같아요. 실제 성능이 궁금합니다.",
    likes: 5,
  },
  {
    id: "01DEMO0000000000000000C003",
    author: "01DEMO0000000000000000U002",
    parent: "01DEMO0000000000000000C001",
    body: "동감합니다. 처우 개선이 먼저겠죠.",
    likes: 2,
  },
];

/**
 * Comments for the moderator dashboard to work on: two held by the pipeline (a link from a new
 * account, a high toxicity score) and one published but reported. Seeded once per database:
 * the last audit entry written marks it, and it outlives whatever a moderator then does.
 */
const moderationSamples = [
  {
    id: "01DEMO0000000000000000C004",
    author: "01DEMO0000000000000000U002",
    status: "pending",
    toxicity: 0.12,
    reported: false,
    minutesAgo: 30,
    body: "자세한 분석은 제 블로그에 정리했습니다.\nhttps://example.com/lg-ai-analysis",
    reasons: [{ source: "links", action: "hold", code: "link_from_new_account", detail: "1 link(s) from a new account" }],
  },
  {
    id: "01DEMO0000000000000000C005",
    author: "01DEMO0000000000000000U001",
    status: "pending",
    toxicity: 0.83,
    reported: false,
    minutesAgo: 20,
    body: "이런 기사나 쓰는 기자는 정말 한심하다. 머리는 장식이냐?",
    reasons: [{ source: "toxicity", action: "hold", code: "toxic", detail: "score 0.83" }],
  },
  {
    id: "01DEMO0000000000000000C006",
    author: "01DEMO0000000000000000U002",
    status: "published",
    toxicity: 0.31,
    reported: true,
    minutesAgo: 10,
    body: "AI 투자는 다 보여주기용이다. 실제로는 한 푼도 안 쓸 거라는 내부 문건이 있다.",
    reasons: [],
  },
] as const;

const SAMPLES_MARK = "01DEMO0000000000000000A001";

function moderationSampleSql(now: number): string[] {
  const once = `NOT EXISTS (SELECT 1 FROM moderation_actions WHERE id = ${q(SAMPLES_MARK)})`;
  const at = (minutes: number) => now - minutes * 60_000;
  const audit = (id: string, commentId: string, userId: string, action: string, after: string, reason: string | null, minutes: number) =>
    `INSERT INTO moderation_actions (id, site_id, comment_id, user_id, actor_type, actor_id, action, status_before, status_after, reason, details, created_at)
     SELECT ${q(id)}, 'demo', ${q(commentId)}, ${q(userId)}, 'system', NULL, ${q(action)}, NULL, ${q(after)}, ${q(reason)}, NULL, ${at(minutes)} WHERE ${once};`;
  const [link, toxic, reported] = moderationSamples;
  return [
    ...moderationSamples.map(
      (c) =>
        `INSERT INTO comments (id, site_id, article_id, parent_id, author_id, body, status, deleted, likes, dislikes, reply_count, report_count, created_at, reasons, toxicity, reported_at)
       SELECT ${q(c.id)}, 'demo', ${q(DEMO_ARTICLE)}, NULL, ${q(c.author)}, ${q(c.body)}, ${q(c.status)}, 0, 0, 0, 0, ${c.reported ? 1 : 0}, ${at(c.minutesAgo)},
              ${q(JSON.stringify(c.reasons))}, ${c.toxicity}, ${c.reported ? at(c.minutesAgo - 5) : "NULL"}
       WHERE ${once};`,
    ),
    `INSERT INTO reports (id, site_id, comment_id, user_id, reason, note, created_at)
     SELECT '01DEMO0000000000000000R001', 'demo', ${q(reported.id)}, '01DEMO0000000000000000U001', 'misinformation', ${q("근거 없는 주장입니다")}, ${at(reported.minutesAgo - 5)} WHERE ${once};`,
    // Queue sizes and the article's count are denormalised: they move with the rows.
    `INSERT INTO queue_counts (site_id, queue, count) SELECT 'demo', 'pending', 2 WHERE ${once}
     ON CONFLICT (site_id, queue) DO UPDATE SET count = count + excluded.count;`,
    `INSERT INTO queue_counts (site_id, queue, count) SELECT 'demo', 'reported', 1 WHERE ${once}
     ON CONFLICT (site_id, queue) DO UPDATE SET count = count + excluded.count;`,
    `UPDATE articles SET comment_count = comment_count + 1 WHERE site_id = 'demo' AND id = ${q(DEMO_ARTICLE)} AND ${once};`,
    audit("01DEMO0000000000000000A004", reported.id, reported.author, "auto_publish", "published", null, reported.minutesAgo),
    audit("01DEMO0000000000000000A003", reported.id, reported.author, "auto_report", "published", "1 report(s)", reported.minutesAgo - 5),
    audit("01DEMO0000000000000000A002", toxic.id, toxic.author, "auto_hold", "pending", "toxic", toxic.minutesAgo),
    // Last: the mark that the samples are in.
    audit(SAMPLES_MARK, link.id, link.author, "auto_hold", "pending", "link_from_new_account", link.minutesAgo),
  ];
}

/** SQL that (re)creates the demo site with the SSO secret from .dev.vars, sealed like the API does. */
export async function demoSeedSql(vars: Record<string, string>, origins: string[]): Promise<string> {
  const now = Date.now();
  const sealed = await seal(vars.DEMO_SSO_SECRET!, vars.SECRETS_KEY!);
  const statements = [
    `INSERT INTO sites (id, name, origins, sso_secret_sealed, settings, created_at, updated_at)
     VALUES (${q(DEMO_SITE)}, ${q("마지널리아 데모 뉴스")}, ${q(JSON.stringify(origins))}, ${q(sealed)}, '{}', ${now}, ${now})
     ON CONFLICT(id) DO UPDATE SET sso_secret_sealed = excluded.sso_secret_sealed, origins = excluded.origins, updated_at = excluded.updated_at;`,
    `DELETE FROM site_origins WHERE site_id = ${q(DEMO_SITE)};`,
    ...origins.map((o) => `INSERT INTO site_origins (origin, site_id) VALUES (${q(o)}, ${q(DEMO_SITE)});`),
    `INSERT OR IGNORE INTO users (id, site_id, display_name, role, created_at, updated_at) VALUES
     ('01DEMO0000000000000000U001', 'demo', '김독자', 'commenter', ${now}, ${now}),
     ('01DEMO0000000000000000U002', 'demo', 'Reader Lee', 'commenter', ${now}, ${now});`,
    `INSERT OR IGNORE INTO identities (site_id, provider, subject, user_id, created_at) VALUES
     ('demo', 'sso:demo', 'demo-reader-1', '01DEMO0000000000000000U001', ${now}),
     ('demo', 'sso:demo', 'demo-reader-2', '01DEMO0000000000000000U002', ${now});`,
  ];
  // The thread is seeded once; later runs keep whatever was posted or deleted since.
  const fresh = `NOT EXISTS (SELECT 1 FROM articles WHERE site_id = 'demo' AND id = ${q(DEMO_ARTICLE)})`;
  statements.push(
    ...demoComments.map(
      (c, i) =>
        `INSERT INTO comments (id, site_id, article_id, parent_id, author_id, body, status, deleted, likes, dislikes, reply_count, report_count, created_at)
       SELECT ${q(c.id)}, 'demo', ${q(DEMO_ARTICLE)}, ${q(c.parent)}, ${q(c.author)}, ${q(c.body)}, 'published', 0, ${c.likes}, 0,
              ${demoComments.filter((r) => r.parent === c.id).length}, 0, ${now - (demoComments.length - i) * 60_000}
       WHERE ${fresh};`,
    ),
    `INSERT OR IGNORE INTO articles (site_id, id, url, title, open, comment_count, created_at)
     VALUES ('demo', ${q(DEMO_ARTICLE)}, 'http://localhost:8787/demo', ${q("LG, 초거대 AI에 1억달러 투자")}, 1, ${demoComments.length}, ${now});`,
    ...moderationSampleSql(now),
  );
  return statements.join("\n");
}
