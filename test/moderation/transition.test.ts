import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { findComment } from "../../src/db/commentRecords.queries";
import { createDb } from "../../src/db/client";
import { decide } from "../../src/moderation/actions";
import { ADMIN, api, createSite, list, login, post } from "../helpers";

describe("version-guarded decisions", () => {
  it("apply a decision made on a stale read not at all: no status, count, queue or audit change", async () => {
    const site = await createSite({ settings: { premoderation: "all" } });
    const res = await post(site, await login(site), "art", { body: "held" });
    const db = createDb(env.DB);
    const stale = (await findComment(db, res.body.comment.id))!;
    const admin = { type: "admin" as const, id: null };
    await decide(db, admin, stale, "approve", undefined);
    await expect(decide(db, admin, stale, "reject", "too late")).rejects.toMatchObject({ code: "state_changed" });
    expect((await findComment(db, stale.id))!.status).toBe("published");
    const queue = (await api(`/api/v1/sites/${site.id}/moderation/queue`, { headers: ADMIN })).body;
    expect(queue.counts).toEqual({ pending: 0, reported: 0, rejected: 0, approved: 1 });
    expect((await list(site, "art")).body.article.commentCount).toBe(1);
    const log = (await api(`/api/v1/sites/${site.id}/moderation/log?commentId=${stale.id}`, { headers: ADMIN })).body.entries;
    expect(log.map((e: { action: string }) => e.action)).toEqual(["approve", "auto_hold"]);
  });
});
