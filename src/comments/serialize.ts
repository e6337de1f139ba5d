import type { Comment, ReactionValue, User } from "../db/schema";
import type { CommentJson } from "./comments.schemas";
import type { AuthorRow } from "./list.queries";
import { iso } from "../lib/iso";
import { shownBadges } from "../auth/auth.schemas";

export interface ViewContext {
  viewerId?: string;
  authors: Map<string, AuthorRow>;
  reactions: Map<string, ReactionValue>;
  /** Folds from which a comment is folded for everyone (the site's `foldThreshold`). */
  foldThreshold: number;
  /** Comments the viewer folded for themselves. */
  folds?: Set<string>;
}

/** A user as an author on a page. */
export const authorOf = (user: Pick<User, "id" | "displayName" | "avatarUrl" | "badges" | "grantedBadges">): AuthorRow => ({
  id: user.id,
  displayName: user.displayName,
  avatarUrl: user.avatarUrl,
  badges: shownBadges(user.badges, user.grantedBadges),
});

/**
 * A comment as a reader sees it (its author too): the public text, profanity masked where the
 * site masks it; a deleted placeholder shows neither text nor author.
 */
export function toCommentJson(row: Comment, view: ViewContext): CommentJson {
  const author = view.authors.get(row.authorId);
  return {
    id: row.id,
    parentId: row.parentId,
    author: row.deleted || !author ? null : { id: author.id, name: author.displayName, avatar: author.avatarUrl, badges: author.badges },
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
    pinned: row.pinnedAt !== null && !row.deleted,
    featured: row.featuredAt !== null && !row.deleted,
    folded: !row.deleted && (row.foldCount >= view.foldThreshold || (view.folds?.has(row.id) ?? false)),
  };
}
