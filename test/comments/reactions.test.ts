import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, comment, createSite, detailPaths, list, login, refusal } from "../helpers";

const react = (id: string, auth: Record<string, string>, value: unknown) =>
  api(`/api/v1/comments/${id}/reaction`, { method: "PUT", headers: auth, json: { value } });

describe("PUT /api/v1/comments/:id/reaction", () => {
  it("keeps one reaction per reader, switching and clearing it", async () => {
    const site = await createSite();
    const [author, reader] = [await login(site), await login(site)];
    const c = await comment(site, author, "art", "x");
    expect((await react(c.id, reader.auth, "like")).body).toEqual({ value: "like", likes: 1, dislikes: 0 });
    expect((await react(c.id, reader.auth, "like")).body).toEqual({ value: "like", likes: 1, dislikes: 0 });
    expect((await react(c.id, reader.auth, "dislike")).body).toEqual({ value: "dislike", likes: 0, dislikes: 1 });
    expect((await react(c.id, reader.auth, null)).body).toEqual({ value: null, likes: 0, dislikes: 0 });
    expect((await react(c.id, reader.auth, null)).body).toEqual({ value: null, likes: 0, dislikes: 0 });
  });

  it("keeps counts exact when many readers react at once", async () => {
    const site = await createSite();
    const author = await login(site);
    const c = await comment(site, author, "art", "popular");
    const readers = await Promise.all(Array.from({ length: 12 }, () => login(site)));
    await Promise.all(readers.map((r, i) => react(c.id, r.auth, i % 3 === 0 ? "dislike" : "like")));
    await Promise.all(readers.slice(0, 6).map((r) => react(c.id, r.auth, "like")));
    await Promise.all(readers.map((r) => react(c.id, r.auth, "like")));
    const listed = (await list(site, "art")).body.comments[0];
    expect({ likes: listed.likes, dislikes: listed.dislikes }).toEqual({ likes: 12, dislikes: 0 });
  });

  it("keeps counts exact when one reader flips rapidly", async () => {
    const site = await createSite();
    const [author, reader] = [await login(site), await login(site)];
    const c = await comment(site, author, "art", "x");
    const values = ["like", "dislike", null, "like", "dislike", "like", null, "dislike"];
    await Promise.all(values.map((v) => react(c.id, reader.auth, v)));
    const listed = (await list(site, "art", "", reader)).body.comments[0];
    const expected = { like: [1, 0], dislike: [0, 1], none: [0, 0] }[(listed.myReaction as "like" | "dislike" | null) ?? "none"];
    expect([listed.likes, listed.dislikes]).toEqual(expected);
  });

  it("refuses reactions to one's own comment", async () => {
    const site = await createSite();
    const author = await login(site);
    const c = await comment(site, author, "art", "x");
    const res = await react(c.id, author.auth, "like");
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("own_comment");
  });

  it("validates the value", async () => {
    const site = await createSite();
    const [author, reader] = [await login(site), await login(site)];
    const c = await comment(site, author, "art", "x");
    for (const value of ["love", 1, undefined]) {
      const res = await react(c.id, reader.auth, value);
      expect(refusal(res), String(value)).toEqual([400, "invalid_request"]);
      expect(detailPaths(res)).toEqual(["value"]);
    }
  });

  it("answers 404 for deleted comments and 403 across sites", async () => {
    const site = await createSite();
    const other = await createSite();
    const [author, reader] = [await login(site), await login(site)];
    const c = await comment(site, author, "art", "x");
    expect(refusal(await react(c.id, (await login(other)).auth, "like"))).toEqual([403, "wrong_site"]);
    await api(`/api/v1/comments/${c.id}`, { method: "DELETE", headers: author.auth });
    expect(refusal(await react(c.id, reader.auth, "like"))).toEqual([404, "comment_not_found"]);
  });
});

describe("the sort keys a reaction writes", () => {
  const keysOf = (id: string) => env.DB.prepare("select likes, dislikes, net, ratio_key as ratioKey from comments where id = ?").bind(id).first();
  /** `net` and `ratio_key` as the sorts expect them (README "Sorts"). */
  const expected = (likes: number, dislikes: number, min: number) => {
    const total = likes + dislikes;
    const share = total === 0 ? 0 : likes / total;
    return { likes, dislikes, net: likes - dislikes, ratioKey: total >= min && total > 0 ? 2 + share : share };
  };

  it("keeps net and ratio_key right after every reaction, across the site's ratioMinReactions", async () => {
    const site = await createSite({ settings: { ratioMinReactions: 3 } });
    const author = await login(site);
    const readers = await Promise.all([login(site), login(site), login(site)]);
    const c = await comment(site, author, "art", "x");
    const steps: [number, "like" | "dislike" | null, number, number][] = [
      [0, "like", 1, 0],
      [1, "dislike", 1, 1],
      [2, "like", 2, 1], // three reactions: qualified
      [1, "like", 3, 0],
      [0, null, 2, 0], // two again: not qualified
      [2, "dislike", 1, 1],
    ];
    for (const [who, value, likes, dislikes] of steps) {
      expect((await react(c.id, readers[who]!.auth, value)).status).toBe(200);
      expect(await keysOf(c.id)).toEqual(expected(likes, dislikes, 3));
    }
  });

  it("writes the comment once: the trigger finds the keys right and does nothing", async () => {
    const site = await createSite();
    const [author, reader, other] = [await login(site), await login(site), await login(site)];
    const c = await comment(site, author, "art", "x");
    const rowsWritten = async (auth: Record<string, string>, value: unknown) => Number((await react(c.id, auth, value)).headers.get("X-D1-Rows-Written"));
    // Rows D1 reports for the whole request (the reaction row and its index, the comment and its
    // sort indexes, the author's likes_received). When the trigger wrote the row a second time
    // they were 14, 15, 13 and 11.
    expect([
      await rowsWritten(reader.auth, "like"),
      await rowsWritten(other.auth, "like"),
      await rowsWritten(reader.auth, "dislike"),
      await rowsWritten(reader.auth, null),
    ]).toEqual([8, 9, 7, 5]);
    expect(await keysOf(c.id)).toEqual(expected(1, 0, 10));
  });

  it("mends the keys of a writer that changed the counts without them (the trigger as a safety net)", async () => {
    const site = await createSite({ settings: { ratioMinReactions: 4 } });
    const c = await comment(site, await login(site), "art", "x");
    // Dislikes only: the author's likes_received trigger stays out of the count of changes.
    const update = (sql: string) => env.DB.prepare(sql).bind(c.id).run();
    expect((await update("update comments set dislikes = 1, net = -1, ratio_key = 0.0 where id = ?")).meta.changes).toBe(1);
    expect((await update("update comments set dislikes = 2 where id = ?")).meta.changes).toBe(2);
    expect(await keysOf(c.id)).toEqual(expected(0, 2, 4));
    await env.DB.prepare("update comments set likes = 2, dislikes = 2, net = 0, ratio_key = 0.5 where id = ?").bind(c.id).run();
    // As many likes as dislikes before and after, keys left alone: net and the ratio still fit, the band does not.
    await update("update comments set likes = 3, dislikes = 3 where id = ?");
    expect(await keysOf(c.id)).toEqual(expected(3, 3, 4));
  });
});
