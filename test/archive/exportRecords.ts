/** Records of a Marginalia export written by hand, for tests that build small files. */
export const EXPORTED_AT = "2026-11-30T03:17:00.000Z";

/** A published top-level comment record (`body` null: a deleted placeholder) by `u1` on article `a1`. */
export const commentRecord = (id: string, body: string | null = "본문") => ({
  type: "comment",
  id,
  articleId: "a1",
  parentId: null,
  authorId: "u1",
  body,
  status: "published",
  deleted: body === null,
  likes: 0,
  dislikes: 0,
  replyCount: 0,
  reportCount: 0,
  reasons: [],
  toxicity: null,
  createdAt: EXPORTED_AT,
  editedAt: null,
  reportedAt: null,
  reviewedAt: null,
  reviewedBy: null,
});
