import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { newId } from "../../src/lib/ids";
import { ADMIN, api, type ApiResponse, comment, createSite, detailPaths, login, refusal } from "../helpers";

type User = { id: string; name: string; providers: string[]; moderator: boolean; granted: boolean; role: string; counts: Record<string, number> };

const usersPath = (site: { id: string }, query = "") => `/api/v1/admin/sites/${site.id}/users${query}`;
const search = (site: { id: string }, params: Record<string, string> = {}, headers: Record<string, string> = ADMIN) =>
  api(usersPath(site, `?${new URLSearchParams(params)}`), { headers });
const names = (res: ApiResponse) => (res.body.users as User[]).map((u) => u.name);

/** Inserts users straight into D1: hundreds of SSO logins would make the test slow. */
async function seedUsers(siteId: string, displayNames: string[]) {
  const now = Date.now();
  const statements = displayNames.map((name) =>
    env.DB.prepare("insert into users (id, site_id, display_name, role, created_at, updated_at) values (?, ?, ?, 'commenter', ?, ?)").bind(
      newId(),
      siteId,
      name,
      now,
      now,
    ),
  );
  await env.DB.batch(statements);
}

describe("GET /api/v1/admin/sites/:site/users", () => {
  it("finds users whose display name starts with the text, by name", async () => {
    const site = await createSite();
    const kim = await login(site, { name: "김철수" });
    await login(site, { name: "김영희" });
    await login(site, { name: "이김" });
    const res = await search(site, { q: "김" });
    expect(res.status).toBe(200);
    expect(names(res)).toEqual(["김영희", "김철수"]);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.users[1]).toEqual({
      id: kim.userId,
      name: "김철수",
      createdAt: expect.any(String),
      role: "commenter",
      providers: [`sso:${site.id}`],
      moderator: false,
      granted: false,
      counts: { published: 0, pending: 0, rejected: 0 },
    });
  });

  it("shows providers, counts and whether the user moderates", async () => {
    const site = await createSite();
    const writer = await login(site, { name: "필자" });
    const editor = await login(site, { name: "편집장", role: "moderator" });
    await env.DB.prepare("insert into identities (site_id, provider, subject, user_id, created_at) values (?, 'kakao', ?, ?, ?)")
      .bind(site.id, `k-${writer.userId}`, writer.userId, Date.now())
      .run();
    await comment(site, writer, "a1", "첫 댓글입니다");
    await api(`/api/v1/admin/sites/${site.id}/moderators`, { method: "POST", headers: ADMIN, json: { userId: writer.userId } });

    const users: User[] = (await search(site)).body.users;
    const byId = new Map(users.map((u) => [u.id, u]));
    expect(byId.get(writer.userId)).toMatchObject({
      providers: ["kakao", `sso:${site.id}`],
      moderator: true,
      granted: true,
      role: "commenter",
      counts: { published: 1, pending: 0, rejected: 0 },
    });
    expect(byId.get(editor.userId)).toMatchObject({ moderator: true, granted: false, role: "moderator" });
  });

  it("pages with the cursor through every match exactly once", async () => {
    const site = await createSite();
    // Same names force the id tie-breaker across page ends.
    await seedUsers(site.id, [...Array.from({ length: 23 }, (_, i) => `박${String(i % 7)}`), "최", "바"]);
    const seen: User[] = [];
    let cursor: string | null = null;
    do {
      const res = await search(site, { q: "박", limit: "5", ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      expect(res.body.users.length).toBeLessThanOrEqual(5);
      seen.push(...res.body.users);
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(23);
    expect(new Set(seen.map((u) => u.id)).size).toBe(23);
    const keys = seen.map((u) => [u.name, u.id].join("\u0000"));
    expect(keys).toEqual([...keys].sort());
  });

  it("finds the exact user when the text is their id", async () => {
    const site = await createSite();
    const user = await login(site, { name: "아무개" });
    await login(site, { name: "다른 사람" });
    const res = await search(site, { q: user.userId });
    expect(res.status).toBe(200);
    expect(res.body.users.map((u: User) => u.id)).toEqual([user.userId]);
  });

  it("never shows another site's users, by name or by id", async () => {
    const site = await createSite();
    const other = await createSite();
    const stranger = await login(other, { name: "정우성" });
    await login(site, { name: "정해인" });
    expect(names(await search(site, { q: "정" }))).toEqual(["정해인"]);
    expect((await search(site, { q: stranger.userId })).body.users).toEqual([]);
    expect((await search(site)).body.users.map((u: User) => u.id)).not.toContain(stranger.userId);
  });

  it("reads about one page of rows, however many users the site has", async () => {
    const site = await createSite();
    await seedUsers(
      site.id,
      Array.from({ length: 200 }, (_, i) => `독자${String(i).padStart(3, "0")}`),
    );
    const first = await search(site, { q: "독자", limit: "20" });
    expect(first.body.users).toHaveLength(20);
    expect(first.rowsRead).toBeLessThan(50);
    const second = await search(site, { q: "독자", limit: "20", cursor: first.body.nextCursor });
    expect(names(second)[0]).toBe("독자020");
    expect(second.rowsRead).toBeLessThan(50);
    const narrow = await search(site, { q: "독자19", limit: "20" });
    expect(names(narrow)).toHaveLength(10);
    expect(narrow.rowsRead).toBeLessThan(25);
  });

  it("answers 400 to bad parameters", async () => {
    const site = await createSite();
    const bad: [Record<string, string>, string][] = [
      [{ limit: "0" }, "limit"],
      [{ limit: "51" }, "limit"],
      [{ limit: "x" }, "limit"],
      [{ q: "x".repeat(101) }, "q"],
      [{ other: "1" }, "other"],
    ];
    for (const [params, field] of bad) {
      const res = await search(site, params);
      expect(refusal(res), JSON.stringify(params)).toEqual([400, "invalid_request"]);
      expect(detailPaths(res)).toEqual([field]);
    }
    expect(refusal(await search(site, { cursor: "not-a-cursor" }))).toEqual([400, "invalid_cursor"]);
  });

  it("refuses a cursor made for another search", async () => {
    const site = await createSite();
    await seedUsers(site.id, ["가1", "가2", "가3"]);
    const first = await search(site, { q: "가", limit: "1" });
    const res = await search(site, { q: "나", cursor: first.body.nextCursor });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_cursor");
  });

  it("answers 404 for an unknown site", async () => {
    const res = await search({ id: "no-such-site-here" });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("site_not_found");
  });

  it("answers 401 without a token and 403 to a wrong token or a moderator's session", async () => {
    const site = await createSite();
    const moderator = await login(site, { role: "moderator" });
    const none = await api(usersPath(site));
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe("unauthenticated");
    expect(refusal(await search(site, {}, { Authorization: "Bearer not-the-admin-token" }))).toEqual([403, "forbidden"]);
    expect(refusal(await search(site, {}, moderator.auth))).toEqual([403, "forbidden"]);
  });
});
