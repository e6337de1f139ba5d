import { seal } from "../../src/lib/crypto";
import { DEMO_ARTICLE, DEMO_SITE } from "../../src/widget/demo/demoPage";

/** The demo site `npm run dev` seeds: a Korean news site with one article and a short thread (shown at /demo). */
export { DEMO_ARTICLE, DEMO_SITE };

const q = (value: string | number | null) => (value === null ? "NULL" : typeof value === "number" ? String(value) : `'${value.replace(/'/g, "''")}'`);

const demoComments = [
  { id: "01DEMO0000000000000000C001", author: "01DEMO0000000000000000U001", parent: null, body: "AI 연구에 대한 투자가 반갑네요. 국내 인재들이 해외로 나가지 않게 되길 바랍니다.", likes: 12 },
  { id: "01DEMO0000000000000000C002", author: "01DEMO0000000000000000U002", parent: null, body: "초거대 AI라는 표현이 좀 과장된 것 같아요. 실제 성능이 궁금합니다.", likes: 5 },
  { id: "01DEMO0000000000000000C003", author: "01DEMO0000000000000000U002", parent: "01DEMO0000000000000000C001", body: "동감합니다. 처우 개선이 먼저겠죠.", likes: 2 },
];

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
    ...demoComments.map((c, i) =>
      `INSERT INTO comments (id, site_id, article_id, parent_id, author_id, body, status, deleted, likes, dislikes, reply_count, report_count, created_at)
       SELECT ${q(c.id)}, 'demo', ${q(DEMO_ARTICLE)}, ${q(c.parent)}, ${q(c.author)}, ${q(c.body)}, 'published', 0, ${c.likes}, 0,
              ${demoComments.filter((r) => r.parent === c.id).length}, 0, ${now - (demoComments.length - i) * 60_000}
       WHERE ${fresh};`),
    `INSERT OR IGNORE INTO articles (site_id, id, url, title, open, comment_count, created_at)
     VALUES ('demo', ${q(DEMO_ARTICLE)}, 'http://localhost:8787/demo', ${q("LG, 초거대 AI에 1억달러 투자")}, 1, ${demoComments.length}, ${now});`,
  );
  return statements.join("\n");
}
