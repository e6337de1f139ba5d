import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import { sha256Hex } from "../../src/lib/crypto";
import { copyKey } from "../../src/moderation/moderateComment";
import { event, type WebhookEvent } from "../../src/notifications/events";
import { ADMIN, api, comment, createSite, login, post, runConsumer } from "../helpers";

const receiver = inject("webhookReceiver");

/** Every text value in every table of the database, with where it was found. */
async function everyValue(): Promise<{ table: string; column: string; value: string }[]> {
  const tables = await env.DB.prepare(
    "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '_cf_%' and name <> 'd1_migrations'",
  ).all<{ name: string }>();
  const found: { table: string; column: string; value: string }[] = [];
  for (const { name } of tables.results) {
    const rows = await env.DB.prepare(`select * from "${name}"`).all<Record<string, unknown>>();
    for (const row of rows.results) {
      for (const [column, value] of Object.entries(row)) if (value !== null) found.push({ table: name, column, value: String(value) });
    }
  }
  return found;
}

/** What could betray the text: itself, a distinctive word of it, and every hash the service ever made of it. */
async function tracesOf(site: { id: string }, article: string, body: string) {
  return [body, await sha256Hex(body), await sha256Hex(copyKey(body)), await sha256Hex(JSON.stringify([site.id, article, body, null, null, null]))];
}

async function expectNoTrace(site: { id: string }, article: string, body: string, word: string) {
  const traces = await tracesOf(site, article, body);
  const hits = (await everyValue()).filter(({ table, value }) => traces.some((t) => value.includes(t)) || (table !== "sites" && value.includes(word)));
  expect(hits).toEqual([]);
}

/** A comment with everything that derives from its text: a finding quoting a suspect word, a score, reports with notes, an idempotency key. */
async function tracedComment(site: { id: string; secret: string }, article: string, body: string) {
  const author = await login(site);
  const res = await post(site, author, article, { body, confirm: true }, { "Idempotency-Key": `erase-${crypto.randomUUID()}` });
  expect(res.status).toBe(201);
  expect(res.body.comment.status).toBe("pending");
  const id = res.body.comment.id as string;
  const stored = await env.DB.prepare("select body_hash, reasons from comments where id = ?").bind(id).first<{ body_hash: string; reasons: string }>();
  expect(stored!.body_hash).not.toBeNull();
  expect(stored!.reasons).toContain("꼰대");
  expect((await api(`/api/v1/moderation/comments/${id}/approve`, { method: "POST", headers: ADMIN, json: {} })).status).toBe(200);
  const reporter = await login(site);
  await api(`/api/v1/comments/${id}/reports`, { method: "POST", headers: reporter.auth, json: { reason: "abuse", note: `"${body}" 라고 썼습니다` } });
  return { author, id };
}

describe("deleting a comment leaves nothing derived from its text, in any column of any table", () => {
  it("erases a comment kept as a placeholder for its replies", async () => {
    const site = await createSite({ settings: { reportThreshold: 5, autoHideThreshold: 5 } });
    const body = "정말 꼰대 같은 기사라고 생각합니다 자두나무";
    const { author, id } = await tracedComment(site, "erase-art", body);
    await comment(site, await login(site), "erase-art", "답글은 남습니다", { parentId: id });
    expect((await api(`/api/v1/comments/${id}`, { method: "DELETE", headers: author.auth })).status).toBe(204);

    const row = await env.DB.prepare("select body, body_hash, reasons, toxicity, report_count, reported_at, deleted from comments where id = ?")
      .bind(id)
      .first();
    expect(row).toEqual({ body: null, body_hash: null, reasons: "[]", toxicity: null, report_count: 0, reported_at: null, deleted: 1 });
    const audit = await env.DB.prepare("select action, details, reason from moderation_actions where comment_id = ?")
      .bind(id)
      .all<{ action: string; details: string | null; reason: string | null }>();
    expect(audit.results.map((a) => a.action)).toEqual(expect.arrayContaining(["auto_hold", "approve"]));
    expect(audit.results.every((a) => a.details === null)).toBe(true);
    await expectNoTrace(site, "erase-art", body, "자두나무");
  });

  it("erases a comment removed outright", async () => {
    const site = await createSite({ settings: { reportThreshold: 5, autoHideThreshold: 5 } });
    const body = "이런 꼰대 같은 소리는 처음 듣습니다 살구나무";
    const { author, id } = await tracedComment(site, "erase-gone", body);
    expect((await api(`/api/v1/comments/${id}`, { method: "DELETE", headers: author.auth })).status).toBe(204);
    expect(await env.DB.prepare("select id from comments where id = ?").bind(id).first()).toBeNull();
    await expectNoTrace(site, "erase-gone", body, "살구나무");
  });

  it("delivers a webhook event queued before the deletion without the findings about the text", async () => {
    const site = await createSite();
    const name = `erased-${site.id}`;
    await api(`/api/v1/sites/${site.id}/settings`, { method: "PATCH", headers: ADMIN, json: { webhookUrl: `${receiver}/hook/${name}` } });
    const author = await login(site);
    const c = await comment(site, author, "art", "곧 지울 댓글입니다");
    const queued: WebhookEvent = event(site.id, "comment.queued", "pending", { commentId: c.id, userId: author.userId, reasons: ["suspect_words", "toxic"] });
    await api(`/api/v1/comments/${c.id}`, { method: "DELETE", headers: author.auth });

    expect((await runConsumer([queued])).explicitAcks).toEqual(["m0"]);
    const [delivery] = (await (await fetch(`${receiver}/received/${name}`)).json()) as { body: string }[];
    const payload = JSON.parse(delivery!.body);
    expect(payload).toMatchObject({ commentId: c.id, name: "pending" });
    expect(payload.reasons).toBeUndefined();
  });
});
