import type { Comment, ReactionValue } from "../db/schema";
import type { CommentJson } from "./comments.schemas";
import type { AuthorRow } from "./list.queries";
import { iso } from "../lib/iso";

export interface ViewContext {
  viewerId?: string;
  authors: Map<string, AuthorRow>;
  reactions: Map<string, ReactionValue>;
}

/**
 * A comment as a reader sees it (its author too): the public text, profanity masked where the
 * site masks it; a deleted placeholder shows neither text nor author.
 */
export function toCommentJson(row: Comment, view: ViewContext): CommentJson {
  const author = view.authors.get(row.authorId);
  return {
    id: row.id,
    parentId: row.parentId,
    author: row.deleted || !author ? null : { id: author.id, name: author.displayName, avatar: author.avatarUrl },
    body: row.deleted ? null : (row.publicBody ?? row.body),
    createdAt: iso(row.createdAt)!,
    editedAt: iso(row.editedAt),
    likes: row.likes,
    dislikes: row.dislikes,
    replyCount: row.replyCount,
    status: row.status,
    deleted: row.deleted,
    mine: view.viewerId !== undefined && row.authorId === view.viewerId && !row.deleted,
    myReaction: view.reactions.get(row.id) ?? null,
  };
}
