import { afterEach, describe, expect, it, vi } from "vitest";
import { FRESH_S, STALE_S } from "../../src/edge/edgeCache";
import { api, comment, createSite, login, viaEdge } from "../helpers";

const page = (site: { id: string }, article: string, query = "") => `/api/v1/sites/${site.id}/articles/${article}/comments${query}`;

afterEach(() => vi.useRealTimers());

describe("the edge cache of anonymous reads", () => {
  it("serves a fresh page without D1, with an ETag and honest Cache-Control, and 304 for the same ETag", async () => {
    const site = await createSite();
    await comment(site, await login(site), "edge", "캐시될 댓글입니다");
    const first = await viaEdge(page(site, "edge"));
    expect(first.headers.get("X-Cache")).toBe("MISS");
    const second = await viaEdge(page(site, "edge"));
    expect(second.headers.get("X-Cache")).toBe("HIT");
    expect(second.calls).toBe(0);
    expect(second.text).toBe(first.text);
    expect(second.headers.get("Cache-Control")).toBe(`public, max-age=${FRESH_S}, s-maxage=${FRESH_S}, stale-while-revalidate=${STALE_S - FRESH_S}`);
    expect(second.headers.get("Vary")).toContain("Authorization");
    const etag = second.headers.get("ETag")!;
    expect(etag).toMatch(/^"[0-9a-f]{24}"$/);
    const notModified = await viaEdge(page(site, "edge"), { "If-None-Match": etag });
    expect(notModified.status).toBe(304);
    expect(notModified.text).toBe("");
  });

  it("keeps every sort and cursor apart, and counts too", async () => {
    const site = await createSite();
    const writer = await login(site);
    for (const body of ["첫째 댓글입니다", "둘째 댓글입니다"]) await comment(site, writer, "sorts", body);
    const newest = await viaEdge(page(site, "sorts", "?sort=newest"));
    const oldest = await viaEdge(page(site, "sorts", "?sort=oldest"));
    expect(newest.body.comments[0].body).toBe("둘째 댓글입니다");
    expect(oldest.body.comments[0].body).toBe("첫째 댓글입니다");
    await viaEdge(`/api/v1/sites/${site.id}/counts?articles=sorts`);
    const counts = await viaEdge(`/api/v1/sites/${site.id}/counts?articles=sorts`);
    expect(counts.headers.get("X-Cache")).toBe("HIT");
    expect(counts.body.counts).toEqual({ sorts: 2 });
  });

  it("never caches a signed-in reader's page, and never serves them the cached one", async () => {
    const site = await createSite({ settings: { premoderation: "all" } });
    const author = await login(site);
    const held = await api(page(site, "private"), { method: "POST", headers: author.auth, json: { body: "검토 중인 내 댓글입니다" } });
    expect(held.body.comment.status).toBe("pending");
    const anonymousFirst = await viaEdge(page(site, "private"));
    const mine = await viaEdge(page(site, "private"), author.auth);
    expect(mine.headers.get("X-Cache")).toBeNull();
    expect(mine.headers.get("Cache-Control")).toBe("private, no-store");
    expect(mine.text).toContain("검토 중인 내 댓글입니다");
    const anonymous = await viaEdge(page(site, "private"));
    expect(anonymous.headers.get("X-Cache")).toBe("HIT");
    expect(anonymous.text).toBe(anonymousFirst.text);
    expect(anonymous.text).not.toContain("검토 중인 내 댓글입니다");
  });

  it("shows a deleted comment's text to nobody once the window has passed", async () => {
    const site = await createSite();
    const author = await login(site);
    const c = await comment(site, author, "gone", "곧 지워질 비밀 댓글입니다");
    expect((await viaEdge(page(site, "gone"))).text).toContain("곧 지워질 비밀 댓글입니다");
    await api(`/api/v1/comments/${c.id}`, { method: "DELETE", headers: author.auth });
    vi.useFakeTimers({ now: Date.now() + STALE_S * 1000, toFake: ["Date"] });
    const later = await viaEdge(page(site, "gone"));
    expect(later.headers.get("X-Cache")).toBe("MISS");
    expect(later.text).not.toContain("곧 지워질 비밀 댓글입니다");
  });

  it("serves a stale page once while it refreshes in the background, then the fresh one", async () => {
    const site = await createSite();
    const writer = await login(site);
    await comment(site, writer, "swr", "처음 댓글입니다");
    await viaEdge(page(site, "swr"));
    await comment(site, writer, "swr", "나중 댓글입니다");
    vi.useFakeTimers({ now: Date.now() + FRESH_S * 1000 + 100, toFake: ["Date"] });
    const stale = await viaEdge(page(site, "swr"));
    expect(stale.headers.get("X-Cache")).toBe("STALE");
    expect(stale.text).not.toContain("나중 댓글입니다");
    const refreshed = await viaEdge(page(site, "swr"));
    expect(refreshed.headers.get("X-Cache")).toBe("HIT");
    expect(refreshed.text).toContain("나중 댓글입니다");
  });

  it("makes the page anew for a reader's own reload (Cache-Control: no-cache), and keeps it for everyone", async () => {
    const site = await createSite();
    const author = await login(site);
    const c = await comment(site, author, "mine", "내가 지울 댓글입니다");
    await viaEdge(page(site, "mine"));
    await api(`/api/v1/comments/${c.id}`, { method: "DELETE", headers: author.auth });
    const reloaded = await viaEdge(page(site, "mine"), { "Cache-Control": "no-cache" });
    expect(reloaded.headers.get("X-Cache")).toBe("MISS");
    expect(reloaded.text).not.toContain("내가 지울 댓글입니다");
    const others = await viaEdge(page(site, "mine"));
    expect(others.headers.get("X-Cache")).toBe("HIT");
    expect(others.text).toBe(reloaded.text);
  });

  it("makes a page nobody has cached once for readers arriving together, not once each", async () => {
    const site = await createSite();
    await comment(site, await login(site), "herd", "몰려드는 독자들을 위한 첫 댓글입니다");
    await viaEdge(`/api/v1/sites/${site.id}/counts?articles=warm`);
    const answers = await Promise.all(Array.from({ length: 8 }, () => viaEdge(page(site, "herd"))));
    expect(answers.every((a) => a.status === 200 && a.text === answers[0]!.text)).toBe(true);
    expect(answers.reduce((sum, a) => sum + a.calls, 0)).toBe(1);
  });
});
