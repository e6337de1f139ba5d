import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import worker from "../../src/index";
import type { WebhookEvent } from "../../src/notifications/events";
import { ADMIN, api, comment, createSite, login, post, runConsumer } from "../helpers";

const receiver = inject("webhookReceiver");

/** Calls the Worker with the WEBHOOKS producer replaced by a recorder; returns the response and what was enqueued. */
async function withQueue(path: string, init: RequestInit & { json?: unknown }) {
  const enqueued: WebhookEvent[] = [];
  const accepted = { metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } } };
  const spy: Pick<Queue<WebhookEvent>, "send" | "sendBatch"> = {
    send: async (message) => {
      enqueued.push(message);
      return accepted;
    },
    sendBatch: async (messages) => {
      enqueued.push(...[...messages].map((m) => m.body));
      return accepted;
    },
  };
  const headers = new Headers(init.headers);
  if (init.json !== undefined) headers.set("Content-Type", "application/json");
  const request = new Request(`https://marginalia.test${path}`, {
    method: init.method,
    headers,
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
  const ctx = createExecutionContext();
  const res = await worker.fetch(request, { ...env, WEBHOOKS: spy }, ctx);
  await waitOnExecutionContext(ctx);
  return { status: res.status, body: (await res.json()) as { comment: { id: string; status: string } }, enqueued };
}

async function siteWithWebhook(settings: Record<string, unknown> = {}) {
  const site = await createSite({ settings });
  await api(`/api/v1/sites/${site.id}/settings`, { method: "PATCH", headers: ADMIN, json: { webhookUrl: `${receiver}/hook/events-${site.id}` } });
  return site;
}

const published = (siteId: string, fields: Record<string, unknown>) => ({ siteId, type: "comment.published", at: expect.any(String), ...fields });

describe("webhook events comment.published and comment.replied", () => {
  it("tells the site a comment was published, and a reply that it answered a comment", async () => {
    const site = await siteWithWebhook();
    const [author, replier] = [await login(site), await login(site)];
    const path = `/api/v1/sites/${site.id}/articles/art/comments`;
    const top = await withQueue(path, { method: "POST", headers: author.auth, json: { body: "게시될 댓글입니다" } });
    expect(top.enqueued).toEqual([published(site.id, { name: "new", commentId: top.body.comment.id, userId: author.userId, articleId: "art" })]);
    const reply = await withQueue(path, { method: "POST", headers: replier.auth, json: { body: "답글입니다", parentId: top.body.comment.id } });
    const fields = { name: "new", commentId: reply.body.comment.id, userId: replier.userId, articleId: "art" };
    expect(reply.enqueued).toEqual([published(site.id, fields), { ...published(site.id, fields), type: "comment.replied", parentId: top.body.comment.id }]);
  });

  it("tells it when a moderator publishes a held reply, and not while it is held", async () => {
    const site = await siteWithWebhook({ premoderation: "all" });
    const moderator = await login(site, { role: "moderator" });
    const top = await comment(site, moderator, "art", "운영자의 댓글");
    const held = await withQueue(`/api/v1/sites/${site.id}/articles/art/comments`, {
      method: "POST",
      headers: (await login(site)).auth,
      json: { body: "보류될 답글", parentId: top.id },
    });
    expect(held.enqueued.map((e) => e.type)).toEqual(["comment.queued"]);
    const approved = await withQueue(`/api/v1/moderation/comments/${held.body.comment.id}/approve`, { method: "POST", headers: ADMIN, json: {} });
    expect(approved.enqueued.map((e) => [e.type, e.name])).toEqual([
      ["moderation.action", "approve"],
      ["comment.published", "approve"],
      ["comment.replied", "approve"],
    ]);
    // Rejecting a published comment publishes nothing.
    const rejected = await withQueue(`/api/v1/moderation/comments/${held.body.comment.id}/reject`, { method: "POST", headers: ADMIN, json: {} });
    expect(rejected.enqueued.map((e) => e.type)).toEqual(["moderation.action"]);
  });

  it("delivers comment.replied signed like every event, with its type in X-Marginalia-Event", async () => {
    const site = await siteWithWebhook();
    const top = await comment(site, await login(site), "art", "원 댓글");
    const reply = await post(site, await login(site), "art", { body: "답글", parentId: top.id });
    const result = await runConsumer([
      {
        siteId: site.id,
        type: "comment.replied",
        name: "new",
        commentId: reply.body.comment.id,
        parentId: top.id,
        articleId: "art",
        at: new Date().toISOString(),
      },
    ]);
    expect(result.explicitAcks).toEqual(["m0"]);
    const [delivery] = (await (await fetch(`${receiver}/received/events-${site.id}`)).json()) as { headers: Record<string, string>; body: string }[];
    expect(delivery!.headers["x-marginalia-event"]).toBe("comment.replied");
    expect(JSON.parse(delivery!.body)).toMatchObject({ type: "comment.replied", commentId: reply.body.comment.id, parentId: top.id });
  });
});
