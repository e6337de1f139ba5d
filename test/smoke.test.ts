import { describe, expect, it } from "vitest";
import { api, comment, createSite, list, login } from "./helpers";

describe("smoke", () => {
  it("posts and lists", async () => {
    const site = await createSite();
    const reader = await login(site);
    const c = await comment(site, reader, "a1", "안녕하세요");
    const res = await list(site, "a1");
    expect(res.status).toBe(200);
    expect(res.body.comments[0].id).toBe(c.id);
    expect(res.body.article.commentCount).toBe(1);
    const docs = await api("/docs");
    expect(docs.status).toBe(200);
  });
});
