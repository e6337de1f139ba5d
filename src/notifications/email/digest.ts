import type { NotificationType } from "../../db/schema";

/** One notification as an e-mail shows it. */
export interface DigestItem {
  type: NotificationType;
  actorName: string | null;
  excerpt: string;
  reason: string | null;
  milestone: number | null;
  articleUrl: string | null;
}

const quote = (excerpt: string) => (excerpt ? ` “${excerpt}”` : "");

/** One line per notification, Korean then English: sites are Korean first, readers not always. */
function line(item: DigestItem): string {
  const who = item.actorName ?? "누군가";
  const text = {
    reply: `${who}님이 내 댓글에 답글을 달았습니다 / ${item.actorName ?? "Someone"} replied to your comment:${quote(item.excerpt)}`,
    approved: `댓글이 승인되어 게시되었습니다 / Your comment was approved:${quote(item.excerpt)}`,
    rejected: `댓글이 게시되지 않았습니다${item.reason ? ` (사유: ${item.reason})` : ""} / Your comment was not published${item.reason ? ` (reason: ${item.reason})` : ""}:${quote(item.excerpt)}`,
    reactions: `댓글이 공감 ${item.milestone}개를 받았습니다 / Your comment reached ${item.milestone} likes:${quote(item.excerpt)}`,
  }[item.type];
  return item.articleUrl ? `- ${text}\n  ${item.articleUrl}` : `- ${text}`;
}

/**
 * The plain-text e-mail of a reader's new notifications: one, or an hourly digest of several,
 * with the unsubscribe link at the end (also in the List-Unsubscribe header). Plain text only:
 * comment text never becomes markup.
 *
 * @example renderDigest("뉴스", items, "https://c.example/api/v1/notifications/unsubscribe?…")
 */
export function renderDigest(siteName: string, items: DigestItem[], unsubscribeUrl: string): { subject: string; text: string } {
  // A subject is one header line whatever the site's name holds.
  const site = siteName.replace(/[\r\n]+/g, " ");
  const subject = items.length === 1 ? `[${site}] 새 알림 / New notification` : `[${site}] 새 알림 ${items.length}개 / ${items.length} new notifications`;
  const text = [
    `${siteName}의 새 알림입니다. / New on ${siteName}:`,
    "",
    ...items.map(line),
    "",
    "알림 메일을 그만 받으려면 / To stop these e-mails:",
    unsubscribeUrl,
  ].join("\n");
  return { subject, text };
}
