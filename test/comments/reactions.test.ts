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
