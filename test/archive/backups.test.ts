import { createExecutionContext, createMessageBatch, createScheduledController, getQueueResult, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { backupKey, KEPT_BACKUPS, pruneBackups } from "../../src/archive/backups";
import type { BackupMessage } from "../../src/archive/backupMessage";
import type { Env } from "../../src/env";
import worker from "../../src/index";
import { dayOf } from "../../src/lib/iso";
import { ADMIN, api, comment, createSite, login, refusal } from "../helpers";
import { gunzipText, recordsOf } from "./archiveHelpers";

const bucket = env.ARCHIVE!;
const today = () => dayOf(Date.now());
const daysAgo = (n: number) => dayOf(Date.now() - n * 86_400_000);

async function runCron(bindings: Partial<Env> = {}) {
  const ctx = createExecutionContext();
  await worker.scheduled!(createScheduledController({ cron: "17 3 * * *" }), { ...env, ...bindings }, ctx);
  await waitOnExecutionContext(ctx);
}

async function backupRecords(siteId: string, day = today()) {
  const object = await bucket.get(backupKey(siteId, day));
  if (!object) return undefined;
  return recordsOf(await gunzipText(object.body));
}

/** A site with one reader and one comment. */
async function siteWithComment(text = "백업될 댓글") {
  const site = await createSite();
  await comment(site, await login(site), "art", text);
  return site;
}

const download = (siteId: string, date: string, headers: Record<string, string> = ADMIN) =>
  exports.default.fetch(new Request(`https://marginalia.test/api/v1/admin/sites/${siteId}/backups/${date}`, { headers }));

describe("daily backup (cron)", () => {
  it("writes every site's export to backups/<site>/<day>.ndjson.gz", async () => {
    const [a, b] = [await siteWithComment("site A's comment"), await siteWithComment("site B's comment")];
    await runCron({ BACKUPS: undefined });
    const [recordsA, recordsB] = [await backupRecords(a.id), await backupRecords(b.id)];
    expect(recordsA?.[0]).toMatchObject({ type: "marginalia-export", siteId: a.id });
    expect(recordsA?.find((r) => r.type === "comment")).toMatchObject({ body: "site A's comment" });
    expect(recordsB?.find((r) => r.type === "comment")).toMatchObject({ body: "site B's comment" });
    expect(recordsA?.at(-1)?.type).toBe("marginalia-export-end");
    const head = await bucket.head(backupKey(a.id, today()));
    expect(head?.httpMetadata?.contentType).toBe("application/gzip");
    expect(head?.customMetadata).toEqual({ format: "marginalia-export", version: "1", siteId: a.id });
  });

  it("fans out through the backups queue: one message a site, each backed up by the consumer", async () => {
    const site = await siteWithComment("queued backup");
    await runCron();
    // The queue delivers to this Worker's consumer on its own schedule: wait for the object.
    let records: Awaited<ReturnType<typeof backupRecords>>;
    for (let tries = 0; tries < 100 && !records; tries++) {
      records = await backupRecords(site.id);
      if (!records) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(records?.find((r) => r.type === "comment")).toMatchObject({ body: "queued backup" });
  });

  it("consumes a backup message: the site is backed up and the message acked; a site gone since is dropped", async () => {
    const site = await siteWithComment();
    const batch = createMessageBatch<BackupMessage>("marginalia-backups", [
      { id: "b1", timestamp: new Date(), attempts: 1, body: { siteId: site.id } },
      { id: "b2", timestamp: new Date(), attempts: 1, body: { siteId: "gone-site-zz" } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue!(batch, env, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks.sort()).toEqual(["b1", "b2"]);
    expect(result.retryMessages).toEqual([]);
    expect(await backupRecords(site.id)).toBeDefined();
    expect(await bucket.head(backupKey("gone-site-zz", today()))).toBeNull();
  });

  it("keeps the newest 7 backups of a site, and touches no other file or site", async () => {
    const site = await siteWithComment();
    const other = await createSite();
    for (let n = 1; n <= 9; n++) await bucket.put(backupKey(site.id, daysAgo(n)), "old");
    await bucket.put(backupKey(other.id, daysAgo(30)), "other site's");
    await bucket.put(`backups/${site.id}/notes.txt`, "not a backup");
    await runCron({ BACKUPS: undefined });
    const listed = await bucket.list({ prefix: `backups/${site.id}/` });
    expect(listed.objects.map((o) => o.key).sort()).toEqual(
      [...[0, 1, 2, 3, 4, 5, 6].map((n) => backupKey(site.id, daysAgo(n))), `backups/${site.id}/notes.txt`].sort(),
    );
    expect(await bucket.head(backupKey(other.id, daysAgo(30)))).not.toBeNull();
    expect(KEPT_BACKUPS).toBe(7);
    expect(await pruneBackups(bucket, site.id)).toEqual([]);
  });

  it("backs up the other sites when one fails, keeps the failed site's last backup, and reports the failure", async () => {
    const broken = await siteWithComment("unreadable");
    const fine = await siteWithComment("readable");
    await bucket.put(backupKey(broken.id, daysAgo(1)), "yesterday's");
    // A row the export cannot read (its JSON column is not JSON) fails that site's export midway.
    await env.DB.prepare("update comments set reasons = '{not json' where site_id = ?").bind(broken.id).run();
    try {
      await expect(runCron({ BACKUPS: undefined })).rejects.toThrow(broken.id);
    } finally {
      await env.DB.prepare("update comments set reasons = '[]' where site_id = ?").bind(broken.id).run();
    }
    expect((await backupRecords(fine.id))?.find((r) => r.type === "comment")).toMatchObject({ body: "readable" });
    expect(await bucket.head(backupKey(broken.id, today()))).toBeNull();
    expect(await (await bucket.get(backupKey(broken.id, daysAgo(1))))?.text()).toBe("yesterday's");
  });

  it("replaces a backup made earlier the same day", async () => {
    const site = await siteWithComment("first");
    await runCron({ BACKUPS: undefined });
    await comment(site, await login(site), "art", "second");
    await runCron({ BACKUPS: undefined });
    const bodies = (await backupRecords(site.id))?.filter((r) => r.type === "comment").map((r) => r.body);
    expect(bodies?.sort()).toEqual(["first", "second"]);
  });
});

describe("GET /api/v1/admin/sites/:site/backups and /backups/:date", () => {
  it("lists the site's backups newest first and downloads one as the file stored", async () => {
    const site = await siteWithComment();
    await bucket.put(backupKey(site.id, daysAgo(2)), "older");
    const made = await api(`/api/v1/admin/sites/${site.id}/backups`, { method: "POST", headers: ADMIN });
    expect(made.status).toBe(201);
    expect(made.body.backup).toEqual({ date: today(), size: expect.any(Number), uploadedAt: expect.any(String) });

    const listed = await api(`/api/v1/admin/sites/${site.id}/backups`, { headers: ADMIN });
    expect(listed.status).toBe(200);
    expect(listed.body.backups.map((b: { date: string }) => b.date)).toEqual([today(), daysAgo(2)]);

    const res = await download(site.id, today());
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/gzip");
    expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="marginalia-${site.id}-${today()}.ndjson.gz"`);
    const bytes = await res.arrayBuffer();
    expect(bytes.byteLength).toBe(made.body.backup.size);
    expect(recordsOf(await gunzipText(bytes))[0]).toMatchObject({ type: "marginalia-export", siteId: site.id });
  });

  it("answers 404 backup_not_found for a day without a backup, 400 for a malformed day", async () => {
    const site = await createSite();
    expect(refusal(await api(`/api/v1/admin/sites/${site.id}/backups/2001-01-01`, { headers: ADMIN }))).toEqual([404, "backup_not_found"]);
    expect(refusal(await api(`/api/v1/admin/sites/${site.id}/backups/yesterday`, { headers: ADMIN }))).toEqual([400, "invalid_request"]);
    expect((await api(`/api/v1/admin/sites/${site.id}/backups`, { headers: ADMIN })).body).toEqual({ backups: [] });
  });

  it("answers 404 for an unknown site, even where a file exists under its name", async () => {
    await bucket.put(backupKey("no-such-site-here", today()), "stray");
    expect(refusal(await api("/api/v1/admin/sites/no-such-site-here/backups", { headers: ADMIN }))).toEqual([404, "site_not_found"]);
    expect(refusal(await api(`/api/v1/admin/sites/no-such-site-here/backups/${today()}`, { headers: ADMIN }))).toEqual([404, "site_not_found"]);
    expect(refusal(await api("/api/v1/admin/sites/no-such-site-here/backups", { method: "POST", headers: ADMIN }))).toEqual([404, "site_not_found"]);
  });

  it("answers 401 without the admin token and 403 with another one", async () => {
    const site = await siteWithComment();
    await api(`/api/v1/admin/sites/${site.id}/backups`, { method: "POST", headers: ADMIN });
    const moderator = await login(site, { role: "moderator" });
    for (const [path, method] of [
      [`/api/v1/admin/sites/${site.id}/backups`, "GET"],
      [`/api/v1/admin/sites/${site.id}/backups`, "POST"],
      [`/api/v1/admin/sites/${site.id}/backups/${today()}`, "GET"],
    ] as const) {
      expect(refusal(await api(path, { method }))).toEqual([401, "unauthenticated"]);
      expect(refusal(await api(path, { method, headers: { Authorization: "Bearer nope" } }))).toEqual([403, "forbidden"]);
      expect(refusal(await api(path, { method, headers: moderator.auth }))).toEqual([403, "forbidden"]);
    }
  });
});
