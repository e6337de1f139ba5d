import { seal } from "../../src/lib/crypto";
import { newId } from "../../src/lib/ids";

// One reader posts hundreds of comments in seconds: lift the per-account posting limits, which
// the bench is not measuring (their cost, two counter rows per post, still shows).
const BENCH_SETTINGS = { minIntervalSeconds: 0, dailyLimit: 10_000, perArticleDailyLimit: 10_000 };

/** What the seed created, for the scenarios to aim at. */
export interface Fixture {
  siteId: string;
  ssoSecret: string;
  bigArticle: string;
  smallArticle: string;
  /** 50 article ids (big, small and 48 others) for the multi-article count. */
  countArticles: string[];
  /** The big article's newest comment, which has hundreds of replies. */
  hotCommentId: string;
  /** An article whose comments all wait in the pending queue (authors with published history too). */
  heldArticle: string;
  /** Seeded comments (none by the bench reader) to react to, one per PUT. */
  reactionTargets: string[];
  totals: { users: number; comments: number; replies: number; reactions: number };
}

export interface SeedOptions {
  secretsKey: string;
  ssoSecret: string;
  comments: number;
  replies: number;
  now?: number;
}

type Value = string | number | null;
type Row = Record<string, Value>;
interface SeedComment {
  id: string;
  articleId: string;
  parentId: string | null;
  authorIdx: number;
  createdAt: number;
}

const SITE = "bench";
const USERS = 1000;
const HELD = 500;
const MINUTE = 60_000;
/** Replies each "ordinary" parent gets; the hot comment takes the rest of the reply budget. */
const REPLIES_PER_PARENT = 4;
/** Rows per INSERT: large enough to load fast, small enough for D1's statement size limit. */
const ROWS_PER_INSERT = 250;

const sqlValue = (v: Value) => (v === null ? "NULL" : typeof v === "number" ? String(v) : `'${v.replace(/'/g, "''")}'`);

function inserts(table: string, rows: Row[]): string[] {
  const columns = Object.keys(rows[0] ?? {});
  const statements: string[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const values = rows.slice(i, i + ROWS_PER_INSERT).map((r) => `(${columns.map((c) => sqlValue(r[c] ?? null)).join(",")})`);
    statements.push(`INSERT INTO ${table} (${columns.join(",")}) VALUES\n${values.join(",\n")};`);
  }
  return statements;
}

/** Top-level comments of an article, oldest first, one a minute, ending `endsAt`. */
function topLevel(articleId: string, count: number, endsAt: number, firstAuthor: number): SeedComment[] {
  return Array.from({ length: count }, (_, i) => {
    const createdAt = endsAt - (count - 1 - i) * MINUTE;
    return { id: newId(createdAt), articleId, parentId: null, authorIdx: (firstAuthor + i) % USERS, createdAt };
  });
}

function repliesTo(parent: SeedComment, count: number): SeedComment[] {
  // Replies land within the minute after their parent, so they never overtake the next comment.
  const step = Math.max(1, Math.floor(MINUTE / (count + 1)));
  return Array.from({ length: count }, (_, j) => {
    const createdAt = parent.createdAt + (j + 1) * step;
    return { id: newId(createdAt), articleId: parent.articleId, parentId: parent.id, authorIdx: (parent.authorIdx + j + 1) % USERS, createdAt };
  });
}

/**
 * Parents of the big article's replies, by rank from newest. Pages 1 and 51 (ranks 0–19 and
 * 1000–1019) are both full of parents, so page 1 and the deep page have the same shape and
 * their rows read can be compared like for like.
 */
function bigArticleReplies(newestFirst: SeedComment[], total: number): SeedComment[] {
  const ranks = [...Array.from({ length: 99 }, (_, i) => 1 + i), ...Array.from({ length: 100 }, (_, i) => 1000 + i)];
  const parents = ranks.map((r) => newestFirst[r]).filter((p): p is SeedComment => p !== undefined);
  const ordinary = Math.min(parents.length * REPLIES_PER_PARENT, total);
  const replies = parents.flatMap((p, i) => repliesTo(p, Math.min(REPLIES_PER_PARENT, Math.max(0, ordinary - i * REPLIES_PER_PARENT))));
  return [...replies, ...repliesTo(newestFirst[0]!, total - replies.length)];
}

/** A deterministic 0–5 likes and an occasional dislike per top-level comment, for sort=popular. */
function reactionsFor(comments: SeedComment[], now: number): { rows: Row[]; likes: Map<string, number>; dislikes: Map<string, number> } {
  const rows: Row[] = [];
  const likes = new Map<string, number>();
  const dislikes = new Map<string, number>();
  comments.forEach((c, i) => {
    const likeCount = (i * 7919) % 6;
    const dislikeCount = i % 13 === 0 ? 1 : 0;
    for (let k = 0; k < likeCount + dislikeCount; k++) {
      const userIdx = (c.authorIdx + 1 + k) % USERS; // never the author
      rows.push({ comment_id: c.id, user_id: userIdx, value: k < likeCount ? "like" : "dislike", created_at: now - MINUTE });
    }
    likes.set(c.id, likeCount);
    dislikes.set(c.id, dislikeCount);
  });
  return { rows, likes, dislikes };
}

/**
 * Builds the seed as SQL: a site whose SSO secret is sealed with the app's own `seal()`, 1,000
 * users, a big article (`comments` top-level comments and `replies` replies), a small one and
 * 48 more for counts, and 500 held comments for the moderation queue. Denormalised counters (comment_count, reply_count, likes) are computed
 * here so they agree with the rows, as the app's batches would have left them.
 */
export async function buildSeed(options: SeedOptions): Promise<{ sql: string; fixture: Fixture }> {
  const now = options.now ?? Date.now();
  const userIds = Array.from({ length: USERS }, (_, i) => newId(now - 30 * 24 * 3600_000 + i));
  const sealed = await seal(options.ssoSecret, options.secretsKey);

  const end = now - 3600_000;
  const big = topLevel("bench-big", options.comments, end, 0);
  const bigNewestFirst = [...big].reverse();
  const bigReplies = bigArticleReplies(bigNewestFirst, options.replies);
  const small = topLevel("bench-small", 30, end, 7);
  // The small article's page 1 has 20 parents with replies, like the big one's, so the two compare fairly.
  const smallReplies = [...small]
    .reverse()
    .slice(0, 20)
    .flatMap((p) => repliesTo(p, REPLIES_PER_PARENT));
  const others = Array.from({ length: 48 }, (_, a) => topLevel(`bench-other-${String(a + 1).padStart(2, "0")}`, 3, end - a * MINUTE, a));

  const all = [...big, ...bigReplies, ...small, ...smallReplies, ...others.flat()];
  // Held comments for the moderation queue, by authors who also have published ones.
  const held = topLevel("bench-held", HELD, end, 0);
  const reactions = reactionsFor([...big, ...small], now);
  const replyCounts = new Map<string, number>();
  for (const r of all) if (r.parentId) replyCounts.set(r.parentId, (replyCounts.get(r.parentId) ?? 0) + 1);
  const articleCounts = new Map<string, number>();
  for (const c of all) articleCounts.set(c.articleId, (articleCounts.get(c.articleId) ?? 0) + 1);

  const statements = [
    ...inserts("sites", [
      {
        id: SITE,
        name: "Bench Daily",
        origins: JSON.stringify(["https://bench.example"]),
        sso_secret_sealed: sealed,
        settings: JSON.stringify(BENCH_SETTINGS),
        created_at: now,
        updated_at: now,
      },
    ]),
    ...inserts("site_origins", [{ origin: "https://bench.example", site_id: SITE }]),
    ...inserts(
      "users",
      userIds.map((id, i) => ({
        id,
        site_id: SITE,
        display_name: `독자 ${i + 1}`,
        email: null,
        avatar_url: null,
        role: "commenter",
        created_at: now - 30 * 24 * 3600_000 + i,
        updated_at: now,
      })),
    ),
    ...inserts(
      "articles",
      [...articleCounts].map(([id, count]) => ({
        site_id: SITE,
        id,
        url: `https://bench.example/${id}`,
        title: `Article ${id}`,
        open: 1,
        comment_count: count,
        created_at: now - 30 * 24 * 3600_000,
      })),
    ),
    ...inserts(
      "comments",
      all.map((c, i) => ({
        id: c.id,
        site_id: SITE,
        article_id: c.articleId,
        parent_id: c.parentId,
        author_id: userIds[c.authorIdx]!,
        body: `벤치마크 댓글 #${i}: 기사 잘 읽었습니다. A seeded comment with a realistic length of text for the page.`,
        status: "published",
        deleted: 0,
        likes: reactions.likes.get(c.id) ?? 0,
        dislikes: reactions.dislikes.get(c.id) ?? 0,
        reply_count: replyCounts.get(c.id) ?? 0,
        report_count: 0,
        created_at: c.createdAt,
        edited_at: null,
      })),
    ),
    ...inserts("articles", [
      {
        site_id: SITE,
        id: "bench-held",
        url: "https://bench.example/bench-held",
        title: "Article bench-held",
        open: 1,
        comment_count: 0,
        created_at: now - 30 * 24 * 3600_000,
      },
    ]),
    ...inserts(
      "comments",
      held.map((c, i) => ({
        id: c.id,
        site_id: SITE,
        article_id: c.articleId,
        parent_id: null,
        author_id: userIds[c.authorIdx]!,
        body: `검토 대기 댓글 #${i}: 운영자의 검토를 기다리는 댓글입니다.`,
        status: "pending",
        deleted: 0,
        reasons: JSON.stringify([{ source: "pipeline", action: "hold", code: "premoderation" }]),
        created_at: c.createdAt,
      })),
    ),
    ...inserts("queue_counts", [{ site_id: SITE, queue: "pending", count: HELD }]),
    ...inserts(
      "reactions",
      reactions.rows.map((r) => ({ ...r, user_id: userIds[r.user_id as number]! })),
    ),
  ];

  const fixture: Fixture = {
    siteId: SITE,
    ssoSecret: options.ssoSecret,
    bigArticle: "bench-big",
    smallArticle: "bench-small",
    countArticles: ["bench-big", "bench-small", ...others.map((o) => o[0]!.articleId)],
    hotCommentId: bigNewestFirst[0]!.id,
    heldArticle: "bench-held",
    // Old comments off every measured page (oldest page 1 is big[0..19]), so reacting changes no page.
    reactionTargets: big.slice(100, 2100).map((c) => c.id),
    totals: { users: USERS, comments: all.length, replies: bigReplies.length + smallReplies.length, reactions: reactions.rows.length },
  };
  return { sql: statements.join("\n"), fixture };
}
