import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { NOTIFICATION_TTL_MS } from "../../src/notifications/inbox.queries";
import { ADMIN, api, comment, createSite, login, post, type Reader, refusal } from "../helpers";

interface Notification {
  id: string;
  type: string;
  commentId: string;
  threadId: string;
  articleId: string;
  actor?: { id: string; name: string };
  excerpt: string;
  reason: string | null;
  milestone: number | null;
  createdAt: string;
  read: boolean;
}
interface Inbox {
  notifications: Notification[];
  unread: number;
  nextCursor: string | null;
}

const inbox = (reader: Reader, query = "") => api<Inbox>(`/api/v1/me/notifications${query}`, { headers: reader.auth });
const like = (reader: Reader, id: string, value: "like" | null = "like") =>
  api(`/api/v1/comments/${id}/reaction`, { method: "PUT", headers: reader.auth, json: { value } });
const decide = (id: string, action: string, json: unknown = {}) => api(`/api/v1/moderation/comments/${id}/${action}`, { method: "POST", headers: ADMIN, json });

describe("notifications: replies", () => {
  it("tells a comment's author about a reply, with the replier and an excerpt, and not the replier", async () => {
    const site = await createSite();
    const author = await login(site, { name: "원글쓴이" });
    const replier = await login(site, { name: "답글러" });
    const parent = await comment(site, author, "a1", "원래 댓글입니다");
    const reply = await comment(site, replier, "a1", "동의합니다 좋은 의견이네요", { parentId: parent.id });
    const res = await inbox(author, `?site=${site.id}`);
    expect(res.status).toBe(200);
    expect(res.body.unread).toBe(1);
    expect(res.body.notifications).toEqual([
      expect.objectContaining({
        type: "reply",
        commentId: reply.id,
        threadId: parent.id,
        articleId: "a1",
        actor: { id: replier.userId, name: "답글러" },
        excerpt: "동의합니다 좋은 의견이네요",
        read: false,
      }),
    ]);
    expect((await inbox(replier)).body).toEqual({ notifications: [], unread: 0, nextCursor: null });
  });

  it("tells both the thread's author and the author of the reply answered, each once", async () => {
    const site = await createSite();
    const [author, first, second] = [await login(site), await login(site), await login(site)];
    const top = await comment(site, author, "a1", "원 댓글");
    const reply = await comment(site, first, "a1", "첫 답글", { parentId: top.id });
    const answer = await comment(site, second, "a1", "답글에 단 답글", { parentId: reply.id });
    expect((await inbox(first)).body.notifications.map((n) => [n.type, n.commentId])).toEqual([["reply", answer.id]]);
    expect((await inbox(author)).body.notifications.map((n) => [n.commentId, n.threadId])).toEqual([
      [answer.id, top.id],
      [reply.id, top.id],
    ]);
    // Answering your own thread's reply tells its author, not you.
    const mine = await comment(site, author, "a1", "원글쓴이의 답", { parentId: reply.id });
    expect((await inbox(first)).body.notifications.map((n) => n.commentId)).toEqual([mine.id, answer.id]);
    expect((await inbox(author)).body.unread).toBe(2);
  });

  it("does not notify an author who replies to their own comment", async () => {
    const site = await createSite();
    const author = await login(site);
    const parent = await comment(site, author, "a1", "내 댓글입니다");
    await comment(site, author, "a1", "내가 단 답글입니다", { parentId: parent.id });
    expect((await inbox(author)).body.unread).toBe(0);
  });

  it("tells the thread's author of a held reply only when a moderator publishes it, once", async () => {
    const site = await createSite({ settings: { premoderation: "all" } });
    const author = await login(site, { role: "moderator" });
    const replier = await login(site);
    const parent = await comment(site, author, "a1", "운영자가 쓴 댓글입니다");
    const held = await post(site, replier, "a1", { body: "보류될 답글입니다", parentId: parent.id });
    expect(held.body.comment.status).toBe("pending");
    expect((await inbox(author)).body.unread).toBe(0);
    expect((await decide(held.body.comment.id, "approve")).status).toBe(200);
    const after = await inbox(author);
    expect(after.body.notifications.map((n) => [n.type, n.commentId])).toEqual([["reply", held.body.comment.id]]);
    // Rejected and restored: the thread's author is not told a second time.
    await decide(held.body.comment.id, "reject");
    await decide(held.body.comment.id, "restore");
    expect((await inbox(author)).body.notifications.filter((n) => n.type === "reply")).toHaveLength(1);
  });

  it("shows no excerpt of a reply a moderator has since rejected", async () => {
    const site = await createSite();
    const [author, replier] = [await login(site), await login(site)];
    const parent = await comment(site, author, "a1", "원래 댓글입니다");
    const reply = await comment(site, replier, "a1", "나중에 거절될 답글", { parentId: parent.id });
    await decide(reply.id, "reject", { reason: "욕설" });
    const [n] = (await inbox(author)).body.notifications;
    expect(n).toMatchObject({ type: "reply", commentId: reply.id, excerpt: "" });
    expect(JSON.stringify((await inbox(author)).body)).not.toContain("욕설");
  });

  it("removes notifications about a deleted reply with its text", async () => {
    const site = await createSite();
    const [author, replier] = [await login(site), await login(site)];
    const parent = await comment(site, author, "a1", "원래 댓글입니다");
    const reply = await comment(site, replier, "a1", "곧 지울 답글입니다", { parentId: parent.id });
    expect((await api(`/api/v1/comments/${reply.id}`, { method: "DELETE", headers: replier.auth })).status).toBe(204);
    expect((await inbox(author)).body).toEqual({ notifications: [], unread: 0, nextCursor: null });
  });
});

describe("notifications: moderators' decisions", () => {
  it("tells the author their held comment was approved", async () => {
    const site = await createSite({ settings: { premoderation: "all" } });
    const author = await login(site);
    const held = (await post(site, author, "a1", { body: "검토를 기다리는 댓글" })).body.comment;
    await decide(held.id, "approve");
    const res = await inbox(author);
    expect(res.body.notifications).toEqual([
      expect.objectContaining({ type: "approved", commentId: held.id, articleId: "a1", excerpt: "검토를 기다리는 댓글", reason: null }),
    ]);
    expect(res.body.notifications[0]!.actor).toBeUndefined();
  });

  it("tells the author their comment was rejected, with the moderator's reason, and still shows them its excerpt", async () => {
    const site = await createSite({ settings: { premoderation: "all" } });
    const author = await login(site);
    const held = (await post(site, author, "a1", { body: "거절될 댓글입니다" })).body.comment;
    await decide(held.id, "reject", { reason: "광고성 내용" });
    const [n] = (await inbox(author)).body.notifications;
    expect(n).toMatchObject({ type: "rejected", commentId: held.id, reason: "광고성 내용", excerpt: "거절될 댓글입니다" });
  });

  it("does not tell an author about a published comment a moderator approves after reports (it was never held)", async () => {
    const site = await createSite({ settings: { reportThreshold: 1 } });
    const [author, reporter] = [await login(site), await login(site)];
    const c = await comment(site, author, "a1", "신고될 댓글입니다");
    await api(`/api/v1/comments/${c.id}/reports`, { method: "POST", headers: reporter.auth, json: { reason: "spam" } });
    expect((await decide(c.id, "approve")).status).toBe(200);
    expect((await inbox(author)).body.unread).toBe(0);
  });
});

describe("notifications: 공감 milestones", () => {
  it("tells the author at 10 likes, once, however often the tenth like is taken back and given again", async () => {
    const site = await createSite();
    const author = await login(site);
    const c = await comment(site, author, "a1", "공감 받을 댓글입니다");
    const likers = await Promise.all(Array.from({ length: 10 }, () => login(site)));
    for (const liker of likers.slice(0, 9)) expect((await like(liker, c.id)).status).toBe(200);
    expect((await inbox(author)).body.unread).toBe(0);
    await like(likers[9]!, c.id);
    await like(likers[9]!, c.id, null);
    await like(likers[9]!, c.id);
    const res = await inbox(author);
    expect(res.body.notifications.map((n) => [n.type, n.milestone, n.commentId])).toEqual([["reactions", 10, c.id]]);
  });

  it("keeps the round trips of a reaction at the session and two", async () => {
    const site = await createSite();
    const [author, liker] = [await login(site), await login(site)];
    const c = await comment(site, author, "a1", "공감 받을 댓글입니다");
    const res = await like(liker, c.id);
    expect(Number(res.headers.get("X-D1-Calls"))).toBe(3);
  });
});

describe("GET /api/v1/me/notifications and POST /api/v1/me/notifications/read", () => {
  async function authorWithReplies(count: number) {
    const site = await createSite();
    const author = await login(site);
    const parent = await comment(site, author, "a1", "답글이 많이 달릴 댓글");
    const replier = await login(site);
    const replies = [];
    for (let i = 0; i < count; i++) replies.push(await comment(site, replier, "a1", `답글 번호 ${i}`, { parentId: parent.id }));
    return { site, author, replier, replies };
  }

  it("pages newest first with a cursor, every notification once", async () => {
    const { author, replies } = await authorWithReplies(5);
    const first = await inbox(author, "?limit=2");
    expect(first.body.notifications.map((n) => n.commentId)).toEqual([replies[4]!.id, replies[3]!.id]);
    const seen = [...first.body.notifications];
    let cursor = first.body.nextCursor;
    while (cursor) {
      const page = await inbox(author, `?limit=2&cursor=${encodeURIComponent(cursor)}`);
      seen.push(...page.body.notifications);
      cursor = page.body.nextCursor;
    }
    expect(seen.map((n) => n.commentId)).toEqual(replies.map((r) => r.id).reverse());
    expect(first.body.unread).toBe(5);
  });

  it("marks some, then all, read", async () => {
    const { author } = await authorWithReplies(3);
    const [newest] = (await inbox(author)).body.notifications;
    const some = await api("/api/v1/me/notifications/read", { method: "POST", headers: author.auth, json: { ids: [newest!.id] } });
    expect(some.body).toEqual({ unread: 2 });
    expect((await inbox(author)).body.notifications.map((n) => n.read)).toEqual([true, false, false]);
    const all = await api("/api/v1/me/notifications/read", { method: "POST", headers: author.auth });
    expect(all.body).toEqual({ unread: 0 });
    expect((await inbox(author)).body.notifications.every((n) => n.read)).toBe(true);
  });

  it("keeps a reader's notifications theirs alone: another reader can neither list nor mark them", async () => {
    const { site, author, replier } = await authorWithReplies(1);
    const [mine] = (await inbox(author)).body.notifications;
    const stranger = await login(site);
    expect((await inbox(stranger)).body.notifications).toEqual([]);
    const marked = await api("/api/v1/me/notifications/read", { method: "POST", headers: replier.auth, json: { ids: [mine!.id] } });
    expect(marked.body).toEqual({ unread: 0 });
    expect((await inbox(author)).body).toMatchObject({ unread: 1, notifications: [{ id: mine!.id, read: false }] });
  });

  it("refuses no session, another site's name, a bad cursor and bad ids", async () => {
    const { site, author } = await authorWithReplies(1);
    const other = await createSite();
    expect(refusal(await api("/api/v1/me/notifications"))).toEqual([401, "unauthenticated"]);
    expect(refusal(await inbox(author, `?site=${other.id}`))).toEqual([403, "wrong_site"]);
    expect((await inbox(author, `?site=${site.id}`)).status).toBe(200);
    expect(refusal(await inbox(author, "?cursor=nonsense"))).toEqual([400, "invalid_cursor"]);
    expect(refusal(await inbox(author, "?limit=500"))).toEqual([400, "invalid_request"]);
    const bad = await api("/api/v1/me/notifications/read", { method: "POST", headers: author.auth, json: { ids: [] } });
    expect(refusal(bad)).toEqual([400, "invalid_request"]);
    const unknown = await api("/api/v1/me/notifications/read", { method: "POST", headers: author.auth, json: { all: true } });
    expect(refusal(unknown)).toEqual([400, "invalid_request"]);
  });

  it("reads the list and the unread count in one round trip after the session", async () => {
    const { author } = await authorWithReplies(2);
    const res = await inbox(author);
    expect(Number(res.headers.get("X-D1-Calls"))).toBe(2);
  });

  it("keeps notifications 30 days: the daily cron deletes older ones", async () => {
    const { author } = await authorWithReplies(2);
    const [newest, oldest] = (await inbox(author)).body.notifications;
    await env.DB.prepare("update notifications set created_at = ? where id = ?")
      .bind(Date.now() - NOTIFICATION_TTL_MS - 1000, oldest!.id)
      .run();
    const ctx = createExecutionContext();
    await worker.scheduled!(createScheduledController({ cron: "17 3 * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect((await inbox(author)).body.notifications.map((n) => n.id)).toEqual([newest!.id]);
  });

  it("goes with the account when it is deleted", async () => {
    const { author } = await authorWithReplies(2);
    const userId = author.userId;
    expect((await api("/api/v1/me", { method: "DELETE", headers: author.auth })).status).toBe(204);
    const left = await env.DB.prepare("select count(*) as n from notifications where user_id = ?").bind(userId).first<{ n: number }>();
    expect(left?.n).toBe(0);
  });
});
