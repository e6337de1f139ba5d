import { child, childRaw, childText, type SourceRecord } from "./sourceRecords";
import type { XmlNode } from "./xmlRecords";

/** The Disqus export: `<disqus>` holding `<category>`, `<thread>` and `<post>` elements. */
export const DISQUS_CONTAINER = ["disqus"];

const truthy = (value: string | undefined) => value === "true" || value === "1";

/**
 * One child of `<disqus>` as what it means for an import: a thread, a post, or a record that
 * cannot be used (reported with its line). Categories and anything else are ignored.
 *
 * @example fromDisqus(postNode) // { kind: "comment", comment: { threadId: "disqus:t1", … }, line: 12 }
 */
export function fromDisqus(node: XmlNode): SourceRecord[] {
  const dsqId = node.attributes["dsq:id"]?.trim();
  const sourceId = dsqId ? `disqus:${dsqId}` : undefined;
  if (node.name === "thread") {
    if (!dsqId) return [{ kind: "invalid", message: "<thread> without dsq:id", line: node.line }];
    const thread = { sourceId: sourceId!, identifier: childText(node, "id"), url: childText(node, "link"), title: childText(node, "title") };
    return [{ kind: "thread", thread, line: node.line }];
  }
  if (node.name !== "post") return [];
  const threadId = child(node, "thread")?.attributes["dsq:id"]?.trim();
  if (!threadId) return [{ kind: "invalid", sourceId, message: "<post> without <thread dsq:id>", line: node.line }];
  const author = child(node, "author");
  const parentId = child(node, "parent")?.attributes["dsq:id"]?.trim();
  const state = truthy(childText(node, "isSpam")) ? "spam" : truthy(childText(node, "isDeleted")) ? "deleted" : "published";
  return [
    {
      kind: "comment",
      line: node.line,
      comment: {
        sourceId,
        threadId: `disqus:${threadId}`,
        parentId: parentId ? `disqus:${parentId}` : undefined,
        html: childRaw(node, "message"),
        keepNewlines: false,
        createdAt: childText(node, "createdAt") ?? "",
        state,
        author: {
          name: author && childText(author, "name"),
          username: author && childText(author, "username"),
          email: author && childText(author, "email"),
          anonymous: author ? truthy(childText(author, "isAnonymous")) : true,
        },
      },
    },
  ];
}
