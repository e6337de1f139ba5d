import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { ImportJob } from "../../src/imports/importJob";
import { runImport } from "../../src/imports/runImport";
import { ADMIN, api, apiWithBindings, comment, createSite, login, post } from "../helpers";
import { canonicalExport } from "../archive/canonicalExport";
import { gunzipText, recordsOf } from "../archive/archiveHelpers";
import { counterDrift, runToEnd, siteRows } from "./importHelpers";

const noQueue = { send: async () => {} } as unknown as Queue<ImportJob>;
/** Small chunks and runs, so even this small file is written in many chunks over several runs. */
const SMALL = { chunkRecords: 4, chunksPerRun: 2 };
const PROFANE = "저거 존나 비싸던데";

async function ok(res: Promise<{ status: number; text?: string }>, status = 200) {
  const answered = await res;
  expect(answered.status, answered.text).toBe(status);
}

/**
 * A site with something of every kind an export holds: articles (one pre-moderated), comments
 * and replies, a deleted placeholder and a comment removed outright, pending and rejected
 * comments, a report, likes and dislikes, a masked public text, a pin and a feature, SSO and
 * granted badges, a moderator grant, a ban, a deleted account's placeholder, audit entries.
 * No webhook and no login provider (the file holds neither's secret; see the README).
 */
async function seedSite() {
  const site = await createSite({ settings: { profanity: "mask" } });
  const author = await login(site, { sub: "cms-1", name: "김기자", badges: ["기자"] });
  const reader = await login(site, { sub: "cms-2", name: "Reader Two" });
  const moderator = await login(site, { sub: "cms-3", name: "편집국" });
  const leaver = await login(site, { sub: "cms-4", name: "Leaver" });
  await ok(api(`/api/v1/admin/sites/${site.id}/moderators`, { method: "POST", headers: ADMIN, json: { userId: moderator.userId } }), 201);

  const top = await comment(site, author, "art-1", "첫 댓글입니다");
  const reply = await comment(site, reader, "art-1", "A reply to the first", { parentId: top.id });
  await ok(post(site, reader, "art-1", { body: PROFANE, confirm: true }), 201);
  const doomed = await comment(site, reader, "art-2", "Deleted with a reply under it");
  await comment(site, author, "art-2", "Reply keeping the placeholder", { parentId: doomed.id });
  await ok(api(`/api/v1/comments/${doomed.id}`, { method: "DELETE", headers: reader.auth }), 204);
  const gone = await comment(site, reader, "art-2", "Deleted without replies: removed");
  await ok(api(`/api/v1/comments/${gone.id}`, { method: "DELETE", headers: moderator.auth }), 204);
  const left = await comment(site, leaver, "art-2", "My account goes, this stays as a placeholder");
  await comment(site, author, "art-2", "Answering the leaver", { parentId: left.id });
  await ok(api("/api/v1/me", { method: "DELETE", headers: leaver.auth }), 204);

  const rejected = await comment(site, reader, "art-1", "To be rejected by a moderator");
  await ok(api(`/api/v1/moderation/comments/${rejected.id}/reject`, { method: "POST", headers: moderator.auth, json: { reason: "off-topic" } }));
  await ok(api(`/api/v1/comments/${reply.id}/reports`, { method: "POST", headers: author.auth, json: { reason: "spam", note: "looks like an ad" } }), 201);
  for (const [who, value] of [
    [reader, "like"],
    [moderator, "like"],
  ] as const)
    await ok(api(`/api/v1/comments/${top.id}/reaction`, { method: "PUT", headers: who.auth, json: { value } }));
  await ok(api(`/api/v1/comments/${reply.id}/reaction`, { method: "PUT", headers: moderator.auth, json: { value: "dislike" } }));
  await ok(api(`/api/v1/moderation/comments/${top.id}/pin`, { method: "POST", headers: moderator.auth }));
  await ok(api(`/api/v1/moderation/comments/${top.id}/feature`, { method: "POST", headers: moderator.auth }));
  await ok(api(`/api/v1/sites/${site.id}/users/${reader.userId}/badges`, { method: "PUT", headers: moderator.auth, json: { badges: ["우수"] } }));
  await ok(api(`/api/v1/admin/sites/${site.id}/articles/art-3`, { method: "PATCH", headers: ADMIN, json: { premoderation: "all" } }));
  expect((await comment(site, author, "art-3", "Held for review")).status).toBe("pending");
  await ok(api(`/api/v1/sites/${site.id}/users/${reader.userId}/ban`, { method: "POST", headers: moderator.auth, json: { reason: "spam" } }));
  return site;
}

async function exportOf(siteId: string) {
  const res = await exports.default.fetch(new Request(`https://marginalia.test/api/v1/admin/sites/${siteId}/export`, { headers: ADMIN }));
  expect(res.status).toBe(200);
  const gz = new Uint8Array(await res.arrayBuffer());
  const text = await gunzipText(gz.slice().buffer);
  return { gz, text, records: recordsOf(text) };
}

/** Uploads a file (bytes) as a `format=marginalia` import (not run yet); returns its id. */
async function upload(siteId: string, file: Uint8Array): Promise<string> {
  const res = await apiWithBindings({ IMPORTS: noQueue }, `/api/v1/admin/sites/${siteId}/imports?format=marginalia`, {
    method: "POST",
    headers: { ...ADMIN, "Content-Type": "application/gzip", "Content-Length": String(file.byteLength) },
    body: file,
  });
  expect(res.status, res.text).toBe(202);
  return res.body.import.id;
}

/** Uploads a file as a `format=marginalia` import and runs it to its end as the queue would. */
async function restore(siteId: string, file: Uint8Array) {
  return runToEnd(siteId, await upload(siteId, file), SMALL);
}

/** A site like `source` (same name and origins: an import keeps the target's own), with nothing in it. */
async function emptyTwin(source: { id: string; origin: string }) {
  return createSite({ name: `Site ${source.id}`, origins: [source.origin] });
}

const rows = async (sql: string, ...binds: unknown[]) =>
  (
    await env.DB.prepare(sql)
      .bind(...binds)
      .all()
  ).results;

/** Rows of every table a Marginalia import writes. */
async function allRows(siteId: string) {
  const count = async (sql: string) => ((await env.DB.prepare(sql).bind(siteId).first<{ n: number }>())?.n ?? 0) as number;
  return {
    ...(await siteRows(siteId)),
    identities: await count("select count(*) as n from identities where site_id = ?"),
    reports: await count("select count(*) as n from reports where site_id = ?"),
    moderators: await count("select count(*) as n from moderators where site_id = ?"),
    bans: await count("select count(*) as n from bans where site_id = ?"),
    actions: await count("select count(*) as n from moderation_actions where site_id = ?"),
  };
}

describe("POST /api/v1/admin/sites/:site/imports?format=marginalia (restore)", () => {
  it("round trip: export a site, import the file into a new site, export again: equal apart from ids and the site id", async () => {
    const source = await seedSite();
    const a = await exportOf(source.id);
    const types = new Set(a.records.map((r) => r.type));
    for (const type of ["article", "author", "identity", "comment", "report", "moderator", "ban", "moderationAction"]) expect(types).toContain(type);
    const comments = a.records.filter((r) => r.type === "comment");
    expect(comments.some((c) => typeof c.publicBody === "string" && c.publicBody.includes("○○○"))).toBe(true);
    expect(comments.some((c) => c.pinnedAt !== null && c.featuredAt !== null && (c.likes as number) === 2)).toBe(true);
    expect(comments.some((c) => c.deleted === true && String(c.authorId).startsWith("anon_"))).toBe(true);

    const target = await emptyTwin(source);
    const done = await restore(target.id, a.gz);
    expect(done).toMatchObject({ status: "done", errors: [], counts: { articles: 3, authors: 3, skipped: 0, rejected: 1 } });
    expect(done.runs).toBeGreaterThan(2);
    const b = await exportOf(target.id);
    expect(canonicalExport(b.records)).toEqual(canonicalExport(a.records));
    // New ids for everything but articles; the site's own SSO follows the new site.
    const ids = (records: typeof a.records, type: string) => new Set(records.filter((r) => r.type === type).map((r) => r.id));
    for (const id of ids(b.records, "comment")) expect(ids(a.records, "comment").has(id)).toBe(false);
    expect(ids(b.records, "article")).toEqual(ids(a.records, "article"));
    expect(await rows("select provider from identities where site_id = ? group by provider", target.id)).toEqual([{ provider: `sso:${target.id}` }]);
    expect(await counterDrift(target.id)).toEqual([]);
    expect(await counterDrift(source.id)).toEqual([]);
    // What a file does not hold is rebuilt: body hashes (repeated-text checks) as posting computes them, versions from 0.
    const hashes = (siteId: string) => rows("select body, body_hash as hash from comments where site_id = ? and body is not null order by body", siteId);
    expect(await hashes(target.id)).toEqual(await hashes(source.id));
    expect(await rows("select distinct version from comments where site_id = ?", target.id)).toEqual([{ version: 0 }]);

    // Importing the same file again adds nothing.
    const before = await allRows(target.id);
    const twice = await restore(target.id, a.gz);
    expect(twice).toMatchObject({ status: "done", counts: { articles: 0, comments: 0, authors: 0, rejected: 0 } });
    expect(await allRows(target.id)).toEqual(before);
    expect(canonicalExport((await exportOf(target.id)).records)).toEqual(canonicalExport(a.records));
    expect(await counterDrift(target.id)).toEqual([]);

    // The restored reader logs in with the same SSO subject and finds their account and badges.
    const again = await login(target, { sub: "cms-2", name: "Reader Two" });
    const me = await rows("select display_name as name, granted_badges as badges from users where id = ?", again.userId);
    expect(me).toEqual([{ name: "Reader Two", badges: JSON.stringify(["우수"]) }]);
  });

  it("fails a file that breaks off (no trailer), naming the line, and leaves nothing behind, settings included", async () => {
    const source = await seedSite();
    const { text } = await exportOf(source.id);
    const lines = text.trimEnd().split("\n");
    // Plain NDJSON (not gzipped) is read too; the trailer and the last records are missing.
    const truncated = new TextEncoder().encode(`${lines.slice(0, -3).join("\n")}\n`);
    const target = await emptyTwin(source);
    const empty = await allRows(target.id);
    const failed = await restore(target.id, truncated);
    expect(failed.status).toBe("failed");
    expect(failed.errors[0]).toMatchObject({ line: lines.length - 3, message: expect.stringContaining("no marginalia-export-end trailer") });
    // The file is checked whole by the first run, before anything is written.
    expect(failed.runs).toBe(1);
    expect(await allRows(target.id)).toEqual(empty);
    const settings = await rows("select json_extract(settings, '$.profanity') as profanity from sites where id = ?", target.id);
    expect(settings).toEqual([{ profanity: "hold" }]);
  });

  it("fails a file whose trailer counts other records than it holds, and a file that is not an export", async () => {
    const source = await seedSite();
    const { text } = await exportOf(source.id);
    const lines = text.trimEnd().split("\n");
    const lastComment = lines.findLastIndex((line) => line.includes('"type":"comment"'));
    const withoutAComment = lines.filter((_, i) => i !== lastComment);
    const target = await emptyTwin(source);
    const empty = await allRows(target.id);
    const failed = await restore(target.id, new TextEncoder().encode(withoutAComment.join("\n")));
    expect(failed).toMatchObject({ status: "failed", errors: [{ message: expect.stringContaining("comment records") }] });
    expect(await allRows(target.id)).toEqual(empty);
    const xml = await restore(target.id, new TextEncoder().encode("<disqus></disqus>"));
    expect(xml).toMatchObject({ status: "failed", errors: [{ line: 1, message: expect.stringContaining("not a Marginalia export") }] });
  });

  it("skips and reports a record that names what the file lacks, and imports the rest", async () => {
    const source = await seedSite();
    const { records } = await exportOf(source.id);
    const firstReply = records.find((r) => r.type === "comment" && r.parentId !== null && r.reportCount === 0)!;
    const edited = records.map((r) => (r === firstReply ? { ...r, parentId: "not-in-the-file" } : r));
    const file = new TextEncoder().encode(edited.map((r) => JSON.stringify(r)).join("\n"));
    const target = await emptyTwin(source);
    const done = await restore(target.id, file);
    expect(done.status).toBe("done");
    expect(done.errors).toEqual([expect.objectContaining({ sourceId: firstReply.id, message: "comment: parent not-in-the-file is not in the file" })]);
    expect(done.counts.skipped).toBe(1);
    expect(await counterDrift(target.id)).toEqual([]);
  });

  it("unpacks the upload in its first run, then every run reads on from the byte after the last line written", async () => {
    const source = await seedSite();
    const { gz, text } = await exportOf(source.id);
    const lineEnds = [0];
    for (const line of text.split("\n").slice(0, -1)) lineEnds.push(lineEnds.at(-1)! + new TextEncoder().encode(line).length + 1);
    for (const file of [gz, new TextEncoder().encode(text)]) {
      const target = await emptyTwin(source);
      const id = await upload(target.id, file);
      const uploadKey = `imports/${target.id}/${id}`;
      const stored = async () =>
        (await env.DB.prepare("select r2_key as key, bytes, resume_offset as offset, resume_line as line from imports where id = ?").bind(id).first()) as {
          key: string;
          bytes: number;
          offset: number;
          line: number;
        };
      expect(await runImport({ ...env, IMPORTS: noQueue }, { importId: id }, SMALL)).toBe("continue");
      // The upload is gone; the import reads its unpacked copy, exactly the export's text.
      const first = await stored();
      expect(first.key).toBe(`${uploadKey}.ndjson`);
      expect(await env.ARCHIVE!.head(uploadKey)).toBeNull();
      expect(await (await env.ARCHIVE!.get(first.key))!.text()).toBe(text);
      expect(first.bytes).toBe(new TextEncoder().encode(text).length);
      const seen = [first];
      for (let outcome = "continue"; outcome === "continue"; ) {
        outcome = await runImport({ ...env, IMPORTS: noQueue }, { importId: id }, SMALL);
        if (outcome === "continue") seen.push(await stored());
      }
      // Each run stood exactly after a whole line, further than the last.
      for (const [i, at] of seen.entries()) {
        expect(at.offset).toBe(lineEnds[at.line]);
        if (i > 0) expect(at.line).toBeGreaterThan(seen[i - 1]!.line);
      }
      expect(seen.length).toBeGreaterThan(2);
      const done = await api(`/api/v1/admin/sites/${target.id}/imports/${id}`, { headers: ADMIN });
      expect(done.body.import).toMatchObject({ status: "done", errors: [] });
      expect(canonicalExport((await exportOf(target.id)).records)).toEqual(canonicalExport(recordsOf(text)));
      expect(await env.ARCHIVE!.head(first.key)).toBeNull();
    }
  });

  it("goes on after the last line an import begun by the previous reader wrote, whatever byte count it kept", async () => {
    const source = await seedSite();
    const { gz, text } = await exportOf(source.id);
    const lines = text.trimEnd().split("\n");
    const target = await emptyTwin(source);
    const id = await upload(target.id, gz);
    // That reader re-read the gzipped file from the start each run and kept the bytes it had read: not a line's end.
    await env.DB.prepare("update imports set status = 'running', resume_line = ?, resume_offset = ? where id = ?")
      .bind(lines.length - 1, 12_345, id)
      .run();
    const done = await runToEnd(target.id, id, SMALL);
    expect(done).toMatchObject({ status: "done", errors: [], counts: { articles: 0, comments: 0, authors: 0 } });
    const settings = await rows("select json_extract(settings, '$.profanity') as profanity from sites where id = ?", target.id);
    expect(settings).toEqual([{ profanity: "mask" }]);
  });
});
