import { createExecutionContext, createMessageBatch, createScheduledController, getQueueResult, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import type { Env } from "../../src/env";
import worker from "../../src/index";
import type { EmailJob } from "../../src/notifications/email/emailJob";
import { api, comment, createSite, login, type Reader, refusal } from "../helpers";

const receiver = inject("webhookReceiver");
type Delivery = { headers: Record<string, string>; body: string };
interface SentEmail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  headers: Record<string, string>;
}
const sentTo = async (inbox: string): Promise<SentEmail[]> =>
  ((await (await fetch(`${receiver}/received/${inbox}`)).json()) as Delivery[]).map((d) => JSON.parse(d.body));

/** The provider's loopback stand-in: the test receiver records each send under `inbox` ("fail…" answers 500). */
const provider = (inbox: string): Partial<Env> => ({
  EMAIL_API_URL: `${receiver}/hook/${inbox}`,
  EMAIL_API_KEY: "test-email-key",
  EMAIL_FROM: "Marginalia <noreply@marginalia.test>",
  PUBLIC_URL: "https://marginalia.test",
});

/** Runs the e-mail queue's consumer on one job per reader. */
async function runEmailJobs(readers: Reader[], bindings: Partial<Env>) {
  const batch = createMessageBatch<EmailJob>(
    "marginalia-notify-emails",
    readers.map((r, i) => ({ id: `m${i}`, timestamp: new Date(), attempts: 1, body: { userId: r.userId } })),
  );
  const ctx = createExecutionContext();
  await worker.queue!(batch, { ...(env as Env), ...bindings }, ctx);
  return getQueueResult(batch, ctx);
}

const settings = (reader: Reader, email?: boolean) =>
  email === undefined
    ? api("/api/v1/me/notification-settings", { headers: reader.auth })
    : api("/api/v1/me/notification-settings", { method: "PUT", headers: reader.auth, json: { email } });

/** A site with e-mail on, a reader who opted in with a vouched address, and someone to reply to them. */
async function optedIn(address = `reader-${crypto.randomUUID().slice(0, 8)}@example.com`) {
  const site = await createSite({ settings: { emailNotifications: true } });
  const reader = await login(site, { email: address, email_verified: true });
  expect((await settings(reader, true)).body).toEqual({ email: true, siteEnabled: true, emailVerified: true });
  const top = await comment(site, reader, "a1", "알림을 메일로 받을 댓글");
  const replier = await login(site, { name: "답글러" });
  return { site, reader, top, replier, address };
}

describe("PUT /api/v1/me/notification-settings: who may opt in", () => {
  it("refuses when the site does not send e-mail, and keeps no address for such a site", async () => {
    const site = await createSite();
    const reader = await login(site, { email: "a@example.com", email_verified: true });
    expect(refusal(await settings(reader, true))).toEqual([403, "email_not_enabled"]);
    expect((await settings(reader)).body).toEqual({ email: false, siteEnabled: false, emailVerified: false });
    const rows = await env.DB.prepare("select count(*) as n from notification_settings where user_id = ?").bind(reader.userId).first<{ n: number }>();
    expect(rows?.n).toBe(0);
  });

  it("refuses an address the site did not vouch for, and forgets one the site stops vouching for", async () => {
    const site = await createSite({ settings: { emailNotifications: true } });
    const unverified = await login(site, { email: "b@example.com" });
    expect(refusal(await settings(unverified, true))).toEqual([409, "email_not_verified"]);
    const sub = `sub-${crypto.randomUUID()}`;
    const reader = await login(site, { sub, email: "c@example.com", email_verified: true });
    expect((await settings(reader, true)).status).toBe(200);
    const again = await login(site, { sub, email: "c@example.com" });
    expect((await settings(again)).body).toEqual({ email: false, siteEnabled: true, emailVerified: false });
  });

  it("stores the address sealed, never in clear", async () => {
    const { reader, address } = await optedIn();
    const row = await env.DB.prepare("select email_sealed from notification_settings where user_id = ?").bind(reader.userId).first<{ email_sealed: string }>();
    expect(row?.email_sealed).toMatch(/^v1\./);
    expect(row?.email_sealed).not.toContain(address.split("@")[0]);
  });

  it("refuses no session and bad bodies", async () => {
    const { reader } = await optedIn();
    expect(refusal(await api("/api/v1/me/notification-settings"))).toEqual([401, "unauthenticated"]);
    const bad = await api("/api/v1/me/notification-settings", { method: "PUT", headers: reader.auth, json: { email: "yes" } });
    expect(refusal(bad)).toEqual([400, "invalid_request"]);
  });
});

describe("notification e-mails", () => {
  it("e-mails a new notification through the provider, with a one-click unsubscribe link", async () => {
    const { site, reader, top, replier, address } = await optedIn();
    await comment(site, replier, "a1", "메일로 갈 답글입니다", { parentId: top.id });
    const inbox = `mail-${reader.userId}`;
    expect((await runEmailJobs([reader], provider(inbox))).explicitAcks).toEqual(["m0"]);
    const [mail, ...more] = await sentTo(inbox);
    expect(more).toEqual([]);
    expect(mail).toMatchObject({ from: "Marginalia <noreply@marginalia.test>", to: [address], subject: expect.stringContaining("새 알림") });
    expect(mail!.text).toContain("답글러");
    expect(mail!.text).toContain("메일로 갈 답글입니다");
    expect(mail!.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(mail!.headers["List-Unsubscribe"]).toMatch(/^<https:\/\/marginalia\.test\/api\/v1\/notifications\/unsubscribe\?user=.+&token=.+>$/);
    const raw = ((await (await fetch(`${receiver}/received/${inbox}`)).json()) as Delivery[])[0]!;
    expect(raw.headers.authorization).toBe("Bearer test-email-key");
    // Sent once: a repeated job finds nothing new.
    await runEmailJobs([reader], provider(inbox));
    expect(await sentTo(inbox)).toHaveLength(1);
  });

  it("gathers what arrives within the hour after an e-mail into one digest", async () => {
    const { site, reader, top, replier } = await optedIn();
    const inbox = `digest-${reader.userId}`;
    await comment(site, replier, "a1", "첫 답글", { parentId: top.id });
    await runEmailJobs([reader], provider(inbox));
    await comment(site, replier, "a1", "두 번째 답글", { parentId: top.id });
    await comment(site, await login(site), "a1", "세 번째 답글", { parentId: top.id });
    await runEmailJobs([reader], provider(inbox));
    expect(await sentTo(inbox)).toHaveLength(1);
    await env.DB.prepare("update notification_settings set last_email_at = last_email_at - 3600001 where user_id = ?").bind(reader.userId).run();
    await runEmailJobs([reader], provider(inbox));
    const [, digest] = await sentTo(inbox);
    expect(digest!.subject).toContain("2");
    expect(digest!.text).toContain("두 번째 답글");
    expect(digest!.text).toContain("세 번째 답글");
    expect(digest!.text).not.toContain("첫 답글");
  });

  it("retries a failed send and keeps the notification in the widget meanwhile", async () => {
    const { site, reader, top, replier } = await optedIn();
    await comment(site, replier, "a1", "실패 후 다시 보낼 답글", { parentId: top.id });
    const failed = await runEmailJobs([reader], provider(`fail-${reader.userId}`));
    expect(failed.retryMessages).toEqual([expect.objectContaining({ msgId: "m0" })]);
    const widget = await api("/api/v1/me/notifications", { headers: reader.auth });
    expect(widget.body).toMatchObject({ unread: 1, notifications: [{ type: "reply", read: false }] });
    const inbox = `retry-${reader.userId}`;
    expect((await runEmailJobs([reader], provider(inbox))).explicitAcks).toEqual(["m0"]);
    expect((await sentTo(inbox))[0]!.text).toContain("실패 후 다시 보낼 답글");
  });

  it("sends nothing once the site turns e-mail off, or for what the reader already read", async () => {
    const { site, reader, top, replier } = await optedIn();
    await comment(site, replier, "a1", "읽은 답글", { parentId: top.id });
    await api("/api/v1/me/notifications/read", { method: "POST", headers: reader.auth });
    const inbox = `quiet-${reader.userId}`;
    await runEmailJobs([reader], provider(inbox));
    await comment(site, replier, "a1", "사이트가 끈 뒤의 답글", { parentId: top.id });
    await api(`/api/v1/admin/sites/${site.id}`, {
      method: "PATCH",
      headers: { Authorization: "Bearer test-admin-token" },
      json: { settings: { emailNotifications: false } },
    });
    await runEmailJobs([reader], provider(inbox));
    expect(await sentTo(inbox)).toEqual([]);
  });

  it("queues, every 10 minutes, the readers due an e-mail and no one else", async () => {
    const due = await optedIn();
    await comment(due.site, due.replier, "a1", "스윕이 찾을 답글", { parentId: due.top.id });
    const idle = await optedIn();
    const notOptedIn = await login(due.site, { email: "z@example.com", email_verified: true });
    await comment(due.site, due.replier, "a1", "옵트인 안 한 독자에게", { parentId: (await comment(due.site, notOptedIn, "a1", "댓글")).id });
    const queued: EmailJob[] = [];
    const spy = {
      send: async (body: EmailJob) => void queued.push(body),
      sendBatch: async (messages: Iterable<{ body: EmailJob }>) => void queued.push(...[...messages].map((m) => m.body)),
    };
    const ctx = createExecutionContext();
    await worker.scheduled!(createScheduledController({ cron: "*/10 * * * *" }), { ...(env as Env), NOTIFY_EMAILS: spy as unknown as Queue<EmailJob> }, ctx);
    await waitOnExecutionContext(ctx);
    const ids = queued.map((j) => j.userId);
    expect(ids).toContain(due.reader.userId);
    expect(ids).not.toContain(idle.reader.userId);
    expect(ids).not.toContain(notOptedIn.userId);
  });
});

describe("the unsubscribe link", () => {
  async function linkOf() {
    const { site, reader, top, replier } = await optedIn();
    await comment(site, replier, "a1", "링크를 받을 답글", { parentId: top.id });
    const inbox = `unsub-${reader.userId}`;
    await runEmailJobs([reader], provider(inbox));
    const [mail] = await sentTo(inbox);
    const url = new URL(/^<(.+)>$/.exec(mail!.headers["List-Unsubscribe"]!)![1]!);
    return { site, reader, top, replier, path: `${url.pathname}${url.search}`, url };
  }

  it("shows a page on GET (changing nothing) and unsubscribes on the one-click POST", async () => {
    const { reader, path } = await linkOf();
    const page = await api(path);
    expect(page.status).toBe(200);
    expect(page.headers.get("Content-Type")).toContain("text/html");
    expect(page.text).toContain('method="post"');
    expect((await settings(reader)).body.email).toBe(true);
    const res = await api(path, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" });
    expect(res.status).toBe(200);
    expect((await settings(reader)).body.email).toBe(false);
  });

  it("refuses a link whose token is not the reader's", async () => {
    const { url } = await linkOf();
    const other = await optedIn();
    const forged = `${url.pathname}?user=${other.reader.userId}&token=${url.searchParams.get("token")}`;
    expect(refusal(await api(forged, { method: "POST" }))).toEqual([400, "invalid_link"]);
    expect(refusal(await api(forged))).toEqual([400, "invalid_link"]);
    expect((await settings(other.reader)).body.email).toBe(true);
  });
});
