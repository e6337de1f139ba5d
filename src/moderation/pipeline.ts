import type { CommentStatus, User } from "../db/schema";
import type { SiteRecord } from "../sites/sites.queries";

/** What the pipeline sees of a comment being posted or edited. */
export interface ModerationInput {
  site: SiteRecord;
  author: Pick<User, "id" | "role" | "createdAt">;
  articleId: string;
  body: string;
  parentId: string | null;
}

export interface ModerationVerdict {
  status: Exclude<CommentStatus, "rejected">;
  reasons: string[];
}

/**
 * The seam where automatic moderation decides a new or edited comment's status. For now
 * every comment is published; the moderation pipeline (word lists, links, pre-moderation,
 * classifier, trust) plugs its phases in here.
 */
export async function moderateComment(_input: ModerationInput): Promise<ModerationVerdict> {
  return { status: "published", reasons: [] };
}
