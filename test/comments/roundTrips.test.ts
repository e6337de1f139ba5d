import { describe, expect, it } from "vitest";
import { api, comment, createSite, list, login } from "../helpers";

const calls = (res: { headers: Headers }) => Number(res.headers.get("X-D1-Calls"));

describe("D1 round trips of the read path (warm isolate)", () => {
  it("measures", async () => {
    const site = await createSite();
    const reader = await login(site);
    for (let i = 0; i < 5; i++) {
      const c = await comment(site, reader, "rt", `round trip ${i} 댓글입니다`);
      await comment(site, await login(site), "rt", `reply ${i} 답글입니다`, { parentId: c.id });
    }
    await list(site, "rt");
    const anonymous = await list(site, "rt");
    const signedIn = await list(site, "rt", "", reader);
    await api(`/api/v1/sites/${site.id}/counts?articles=rt`);
    const counts = await api(`/api/v1/sites/${site.id}/counts?articles=rt`);
    const posted = await api(`/api/v1/sites/${site.id}/articles/rt/comments`, { method: "POST", headers: reader.auth, json: { body: "한 번 더 씁니다 반갑습니다" } });
    console.log("CALLS", { anonymous: calls(anonymous), signedIn: calls(signedIn), counts: calls(counts), post: calls(posted) });
    expect(anonymous.status).toBe(200);
  });
});
