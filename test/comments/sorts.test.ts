import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import type { Sort } from "../../src/comments/comments.schemas";
import { publicPageStatement } from "../../src/comments/publicPage.queries";
import { ADMIN, api, comment, createSite, list, login, refusal, type Reader } from "../helpers";

const react = (id: string, reader: Reader, value: "like" | "dislike" | null) =>
  api(`/api/v1/comments/${id}/reaction`, { method: "PUT", headers: reader.auth, json: { value } });

type Listed = { id: string; likes: number; dislikes: number; replyCount: number };

/** Every page of a sort, `limit` at a time, following nextCursor: the ids in the order listed. */
async function pageThrough(site: { id: string }, article: string, sort: Sort, limit: number, reader?: Reader) {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 50; guard++) {
    const res: { status: number; body: { comments: Listed[]; nextCursor: string | null } } = await list<{ comments: Listed[]; nextCursor: string | null }>(
      site,
      article,
      `?sort=${sort}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      reader,
    );
    expect(res.status).toBe(200);
    ids.push(...res.body.comments.map((c) => c.id));
    cursor = res.body.nextCursor;
    if (!cursor) break;
  }
  return ids;
}

/**
 * Six comments with reactions from a pool of readers, and replies:
 *   c0: 3 likes            net 3, ratio 3/3 (qualified with ratioMinReactions 3), 0 replies
 *   c1: 4 likes 1 dislike  net 3, ratio 4/5 (qualified), 2 replies
 *   c2: 1 like             net 1, ratio 1/1 (too few reactions), 1 reply
 *   c3: 1 like 3 dislikes  net −2, ratio 1/4 (qualified), 3 replies
 *   c4: nothing            net 0, ratio 0, 0 replies
 *   c5: 2 dislikes         net −2, ratio 0/2 (too few), 0 replies
 */
async function reactedArticle() {
  const site = await createSite({ settings: { ratioMinReactions: 3 } });
  const author = await login(site);
  const readers = await Promise.all(Array.from({ length: 5 }, () => login(site)));
  const c: Listed[] = [];
  for (let i = 0; i < 6; i++) c.push(await comment(site, author, "sorted", `정렬 시험 댓글 ${i} 입니다`));
  const plan: [number, number, number][] = [
    [3, 0, 0],
    [4, 1, 2],
    [1, 0, 1],
    [1, 3, 3],
    [0, 0, 0],
    [0, 2, 0],
  ];
  for (const [i, [likes, dislikes, replies]] of plan.entries()) {
    for (let r = 0; r < likes; r++) await react(c[i]!.id, readers[r]!, "like");
    for (let r = 0; r < dislikes; r++) await react(c[i]!.id, readers[likes + r]!, "dislike");
    for (let r = 0; r < replies; r++) await comment(site, readers[r]!, "sorted", `답글 ${i}.${r} 입니다`, { parentId: c[i]!.id });
  }
  return { site, author, readers, ids: c.map((x) => x.id) };
}

describe("sort=net, ratio and replies", () => {
  it("orders by likes − dislikes (순공감순), newest first among equals, across page boundaries", async () => {
    const { site, ids } = await reactedArticle();
    const [c0, c1, c2, c3, c4, c5] = ids;
    // net: c1 3 (newer than c0), c0 3, c2 1, c4 0, c5 −2 (newer than c3), c3 −2
    const expected = [c1, c0, c2, c4, c5, c3];
    expect(await pageThrough(site, "sorted", "net", 100)).toEqual(expected);
    expect(await pageThrough(site, "sorted", "net", 2)).toEqual(expected);
    expect(await pageThrough(site, "sorted", "net", 4)).toEqual(expected);
  });

  it("orders by likes / (likes + dislikes) (공감비율순), comments with fewer than ratioMinReactions after the others", async () => {
    const { site, author, ids } = await reactedArticle();
    const [c0, c1, c2, c3, c4, c5] = ids;
    // qualified (≥ 3 reactions): c0 1.0, c1 0.8, c3 0.25; then the others: c2 1.0, c5 0 (newer), c4 0
    const expected = [c0, c1, c3, c2, c5, c4];
    expect(await pageThrough(site, "sorted", "ratio", 100)).toEqual(expected);
    expect(await pageThrough(site, "sorted", "ratio", 2)).toEqual(expected);
    expect(await pageThrough(site, "sorted", "ratio", 2, author)).toEqual(expected);
    expect(await pageThrough(site, "sorted", "ratio", 5)).toEqual(expected);
  });

  it("re-keys the ratio sort when the site changes ratioMinReactions", async () => {
    const { site, ids } = await reactedArticle();
    const [c0, c1, c2, c3, c4, c5] = ids;
    const patch = await api(`/api/v1/admin/sites/${site.id}`, { method: "PATCH", headers: ADMIN, json: { settings: { ratioMinReactions: 5 } } });
    expect(patch.status).toBe(200);
    // qualified (≥ 5): c1 0.8; then c2 1.0, c0 1.0 (older), c3 0.25, c5 0, c4 0
    expect(await pageThrough(site, "sorted", "ratio", 2)).toEqual([c1, c2, c0, c3, c5, c4]);
  });

  it("keeps the keys exact when a reaction is switched or withdrawn", async () => {
    const { site, readers, ids } = await reactedArticle();
    const [c0, c1, c2, c3, c4, c5] = ids;
    // c0 loses two likes (net 1, 1 reaction: no longer qualified for ratio); c4 gets two likes (net 2)
    await react(c0!, readers[0]!, null);
    await react(c0!, readers[1]!, "dislike");
    await react(c4!, readers[0]!, "like");
    await react(c4!, readers[1]!, "like");
    // net: c1 3, c4 2, c2 1, c0 0 (1 like, 1 dislike), c5 −2 (newer), c3 −2
    expect(await pageThrough(site, "sorted", "net", 3)).toEqual([c1, c4, c2, c0, c5, c3]);
    // ratio: qualified c1 0.8, c3 0.25; others c4 1.0 (newer), c2 1.0, c0 0.5, c5 0
    expect(await pageThrough(site, "sorted", "ratio", 3)).toEqual([c1, c3, c4, c2, c0, c5]);
  });

  it("orders by reply count (답글순), and the signed-in page merges the reader's own comments in the same order", async () => {
    const { site, author, ids } = await reactedArticle();
    const [c0, c1, c2, c3, c4, c5] = ids;
    const expected = [c3, c1, c2, c5, c4, c0];
    expect(await pageThrough(site, "sorted", "replies", 100)).toEqual(expected);
    expect(await pageThrough(site, "sorted", "replies", 4)).toEqual(expected);
    expect(await pageThrough(site, "sorted", "replies", 2, author)).toEqual(expected);
  });

  it("refuses a cursor of another sort, and an unknown sort", async () => {
    const { site } = await reactedArticle();
    const first = await list(site, "sorted", "?sort=net&limit=2");
    expect(refusal(await list(site, "sorted", `?sort=ratio&cursor=${encodeURIComponent(first.body.nextCursor)}`))).toEqual([400, "invalid_cursor"]);
    expect(refusal(await list(site, "sorted", "?sort=best"))).toEqual([400, "invalid_request"]);
  });
});

describe("query plans of the list statement", () => {
  const indexOf: Record<Sort, string> = {
    newest: "comments_thread_idx",
    oldest: "comments_thread_idx",
    popular: "comments_popular_idx",
    net: "comments_net_idx",
    ratio: "comments_ratio_idx",
    replies: "comments_replies_idx",
    featured: "comments_featured_idx",
  };

  it.each(Object.entries(indexOf))("sort=%s seeks %s, in order, with no sort step", async (sort, index) => {
    const db = createDb(env.DB);
    const thread = { siteId: "s", articleId: "a", parentId: null };
    for (const after of [undefined, { key: 2.5, createdAt: 1, id: "x" }]) {
      const { sql, params } = publicPageStatement(db, thread, sort as Sort, after, 20, 3).toSQL();
      const plan = await env.DB.prepare(`explain query plan ${sql}`)
        .bind(...params)
        .all<{ detail: string }>();
      const details = plan.results.map((r) => r.detail);
      const outer = details.find((d) => d.startsWith("SEARCH comments "));
      expect(outer, details.join("\n")).toContain(index);
      expect(details.join("\n")).not.toContain("TEMP B-TREE FOR ORDER BY");
    }
  });
});
