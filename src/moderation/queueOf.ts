import type { Comment, Queue } from "../db/schema";

/**
 * The one queue a comment sits in, if any: reported (until a moderator decides) wins over its
 * status; then pending, rejected, and approved (published after a moderator's decision).
 */
export function queueOf(c: Pick<Comment, "status" | "reportedAt" | "reviewedAt" | "deleted">): Queue | null {
  if (c.deleted) return null;
  if (c.reportedAt !== null && c.status !== "rejected") return "reported";
  if (c.status === "pending") return "pending";
  if (c.status === "rejected") return "rejected";
  return c.reviewedAt !== null ? "approved" : null;
}
