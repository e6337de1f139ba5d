import type { XmlNode } from "./xmlRecords";

/** A thread (Disqus) or post (WordPress) that comments hang on: becomes an article. */
export interface SourceThread {
  sourceId: string;
  /** Disqus' `<id>`: the site's own identifier for the page, when it set one. */
  identifier?: string;
  url?: string;
  title?: string;
}

export interface SourceAuthor {
  name?: string;
  username?: string;
  email?: string;
  anonymous: boolean;
}

/** One comment as the source had it, not yet checked. */
export interface SourceComment {
  sourceId?: string;
  threadId: string;
  parentId?: string;
  html: string;
  /** WordPress stores text with line breaks, Disqus HTML. */
  keepNewlines: boolean;
  /** As written in the file; checked when written. */
  createdAt: string;
  state: "published" | "pending" | "spam" | "deleted";
  author: SourceAuthor;
}

/** What a format's reader makes of one record of the file; `line` names it in errors. */
export type SourceRecord =
  | { kind: "thread"; thread: SourceThread; line: number }
  | { kind: "comment"; comment: SourceComment; line: number }
  | { kind: "invalid"; sourceId?: string; message: string; line: number };

/** The text of the first child named `name` (trimmed), or undefined when absent or empty. */
export function childText(node: XmlNode, name: string): string | undefined {
  const text = node.children.find((child) => child.name === name)?.text.trim();
  return text ? text : undefined;
}

export function child(node: XmlNode, name: string): XmlNode | undefined {
  return node.children.find((c) => c.name === name);
}

/** The raw (untrimmed) text of a child: comment bodies keep their inner spacing. */
export function childRaw(node: XmlNode, name: string): string {
  return node.children.find((c) => c.name === name)?.text ?? "";
}
