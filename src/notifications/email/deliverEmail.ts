import { createDb } from "../../db/client";
import type { Env } from "../../env";
import { unsealSecret } from "../../lib/secretsKey";
import { findSite } from "../../sites/sites.queries";
import { type DigestItem, renderDigest } from "./digest";
import { EMAIL_INTERVAL_MS, emailDue, markEmailed } from "./emailDue.queries";
import type { EmailJob } from "./emailJob";
import { httpEmailSender, type EmailSender } from "./emailSender";
import { unsubscribeToken } from "./unsubscribeToken";
import { mayQuote } from "../visibleComment";

const EXCERPT_CHARS = 100;

/** Why a job sent nothing (logged); "sent" when it did. */
type Outcome = "sent" | "not-opted-in" | "site-off" | "nothing-new" | "too-soon" | "not-configured";

/**
 * Sends one reader the e-mail of their unread notifications since the last one: a single
 * notification, or the hourly digest of several. Only when they opted in, the site's
 * `emailNotifications` is on and the site vouched for their address; at most one an hour.
 * The notifications themselves are never touched: a failed send (thrown, so the queue retries)
 * leaves them in the widget as they were.
 */
async function deliverEmail(env: Env, job: EmailJob, sender: EmailSender | undefined = httpEmailSender(env), now = Date.now()): Promise<Outcome> {
  const db = createDb(env.DB);
  const { settings, rows } = await emailDue(db, job.userId);
  if (!settings?.emailOptIn || !settings.emailSealed) return "not-opted-in";
  if (rows.length === 0) return "nothing-new";
  if (settings.lastEmailAt !== null && now - settings.lastEmailAt < EMAIL_INTERVAL_MS) return "too-soon";
  const site = await findSite(db, settings.siteId);
  if (!site?.settings.emailNotifications) return "site-off";
  if (!sender || !env.PUBLIC_URL) {
    console.warn("notification e-mail not sent: set EMAIL_API_KEY, EMAIL_FROM and PUBLIC_URL");
    return "not-configured";
  }
  const items: DigestItem[] = rows.map((row) => {
    const n = row.notification;
    const visible = mayQuote(row, job.userId);
    return {
      type: n.type,
      actorName: row.actorName,
      // One line per notification: a comment's line breaks would scatter it.
      excerpt: visible && row.body ? Array.from(row.body.replace(/\s+/g, " ")).slice(0, EXCERPT_CHARS).join("") : "",
      reason: n.reason,
      milestone: n.milestone,
      articleUrl: row.articleUrl,
    };
  });
  const unsubscribeUrl = `${env.PUBLIC_URL.replace(/\/$/, "")}/api/v1/notifications/unsubscribe?user=${encodeURIComponent(job.userId)}&token=${await unsubscribeToken(env, job.userId)}`;
  const { subject, text } = renderDigest(site.name, items, unsubscribeUrl);
  await sender.send({
    to: await unsealSecret(env, settings.emailSealed),
    subject,
    text,
    headers: { "List-Unsubscribe": `<${unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
  });
  await markEmailed(db, job.userId, settings.emailedUntil, rows[rows.length - 1]!.notification.createdAt, now);
  return "sent";
}

/** Queue consumer of NOTIFY_EMAILS: each reader's e-mail on its own; failures retried with growing delays. */
export async function consumeEmailJobs(batch: MessageBatch<EmailJob>, env: Env): Promise<void> {
  const sender = httpEmailSender(env);
  await Promise.all(
    batch.messages.map(async (message) => {
      try {
        await deliverEmail(env, message.body, sender);
        message.ack();
      } catch (error) {
        console.warn("notification e-mail failed", message.body.userId, String(error));
        message.retry({ delaySeconds: Math.min(60 * 2 ** (message.attempts - 1), 3600) });
      }
    }),
  );
}
