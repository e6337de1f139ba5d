import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ADMIN, api, comment, createSite, login } from "../helpers";

const edit = (id: string, auth: Record<string, string>, json: unknown) => api(`/api/v1/comments/${id}`, { method: "PATCH", headers: auth, json });

describe("PATCH /api/v1/comments/:id", () => {
  it("lets the author edit within the window and sets editedAt", async () => {
    const site = await createSite();
    const reader = await login(site);
    const c = await comment(site, reader, "art", "오타가 있는 댓글");
    const res = await edit(c.id, reader.auth, { body: "오타를 고친 댓글" });
    expect(res.status).toBe(200);
    expect(res.body.comment).toMatchObject({ id: c.id, body: "오타를 고친 댓글", mine: true });
    expect(res.body.comment.editedAt).toEqual(expect.any(String));
  });

  it("refuses another reader's edit", async () => {
    const site = await createSite();
    const [owner, other] = [await login(site), await login(site)];
    const c = await comment(site, owner, "art", "original");
    const res = await edit(c.id, other.auth, { body: "hijacked" });
    expect(res.status).toBe(403);
    const stored = await env.DB.prepare("select body from comments where id = ?").bind(c.id).first<{ body: string }>();
    expect(stored?.body).toBe("original");
  });

  it("refuses even a moderator's edit of someone else's words", async () => {
    const site = await createSite();
    const c = await comment(site, await login(site), "art", "original");
    const moderator = await login(site, { role: "moderator" });
    expect((await edit(c.id, moderator.auth, { body: "changed" })).status).toBe(403);
  });

  it("refuses edits after the site's edit window", async () => {
    const site = await createSite({ settings: { editWindowSeconds: 0 } });
    const reader = await login(site);
    const c = await comment(site, reader, "art", "too late");
    await new Promise((r) => setTimeout(r, 5));
    const res = await edit(c.id, reader.auth, { body: "changed" });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("edit_window_passed");
  });

  it("follows the edit window set through the admin API", async () => {
    const site = await createSite();
    const reader = await login(site);
    const c = await comment(site, reader, "art", "x");
    await api(`/api/v1/admin/sites/${site.id}`, { method: "PATCH", headers: ADMIN, json: { settings: { editWindowSeconds: 0 } } });
    await new Promise((r) => setTimeout(r, 5));
    expect((await edit(c.id, reader.auth, { body: "y" })).status).toBe(403);
  });

  it("validates the new body like a new comment", async () => {
    const site = await createSite();
    const reader = await login(site);
    const c = await comment(site, reader, "art", "x");
    for (const json of [{ body: " " }, { body: "a".repeat(3001) }, {}, { body: "ok", status: "published" }]) {
      expect((await edit(c.id, reader.auth, json)).status).toBe(400);
    }
  });

  it("answers 404 for a deleted or unknown comment", async () => {
    const site = await createSite();
    const reader = await login(site);
    const c = await comment(site, reader, "art", "x");
    await api(`/api/v1/comments/${c.id}`, { method: "DELETE", headers: reader.auth });
    expect((await edit(c.id, reader.auth, { body: "back" })).status).toBe(404);
    expect((await edit("NOPE", reader.auth, { body: "back" })).status).toBe(404);
  });

  it("refuses a session from another site", async () => {
    const site = await createSite();
    const other = await createSite();
    const c = await comment(site, await login(site), "art", "x");
    const res = await edit(c.id, (await login(other)).auth, { body: "y" });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("wrong_site");
  });
});
