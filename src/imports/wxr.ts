import { childRaw, childText, type SourceComment, type SourceRecord } from "./sourceRecords";
import type { XmlNode } from "./xmlRecords";

/** WordPress eXtended RSS: `<rss><channel>` holding one `<item>` per post, its comments inside. */
export const WXR_CONTAINER = ["rss", "channel"];

/** `wp:comment_approved` → what the comment becomes. */
const STATES: Record<string, SourceComment["state"]> = {
  "1": "published",
  approve: "published",
  "0": "pending",
  hold: "pending",
  spam: "spam",
  trash: "deleted",
};

/**
 * One `<item>` of a WXR file as its thread and comments (pingbacks and trackbacks skipped);
 * other children of the channel are ignored.
 */
export function fromWxr(node: XmlNode): SourceRecord[] {
  if (node.name !== "item") return [];
  const comments = node.children.filter((c) => c.name === "wp:comment");
  if (comments.length === 0) return [];
  const postId = childText(node, "wp:post_id");
  if (!postId) return [{ kind: "invalid", message: "<item> with comments but without <wp:post_id>", line: node.line }];
  const threadId = `wxr:${postId}`;
  const records: SourceRecord[] = [
    { kind: "thread", thread: { sourceId: threadId, url: childText(node, "link"), title: childText(node, "title") }, line: node.line },
  ];
  for (const comment of comments) records.push(commentRecord(comment, threadId));
  return records;
}

function commentRecord(node: XmlNode, threadId: string): SourceRecord {
  const commentId = childText(node, "wp:comment_id");
  const id = commentId ? `wxr:${commentId}` : undefined;
  const type = childText(node, "wp:comment_type");
  if (type === "pingback" || type === "trackback") return { kind: "invalid", sourceId: id, message: `${type} skipped`, line: node.line };
  const approved = childText(node, "wp:comment_approved") ?? "1";
  const state = STATES[approved];
  if (!state) return { kind: "invalid", sourceId: id, message: `Unknown wp:comment_approved '${approved}'`, line: node.line };
  const parent = childText(node, "wp:comment_parent");
  const gmt = childText(node, "wp:comment_date_gmt");
  return {
    kind: "comment",
    line: node.line,
    comment: {
      sourceId: id,
      threadId,
      parentId: parent && parent !== "0" ? `wxr:${parent}` : undefined,
      html: childRaw(node, "wp:comment_content"),
      keepNewlines: true,
      // WordPress writes GMT as "YYYY-MM-DD hh:mm:ss" without a zone; 0000-00-00 when unknown.
      createdAt: gmt ? `${gmt.replace(" ", "T")}Z` : "",
      state,
      author: { name: childText(node, "wp:comment_author"), email: childText(node, "wp:comment_author_email"), anonymous: false },
    },
  };
}
