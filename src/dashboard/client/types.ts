/** The API's shapes as the dashboard reads them (see src/moderation/moderation.schemas.ts). */
export const QUEUES = ["pending", "reported", "rejected", "approved"] as const;
export type QueueName = (typeof QUEUES)[number];
export type Decision = "approve" | "reject" | "restore";

export interface ModeratedComment {
  id: string;
  articleId: string;
  parentId: string | null;
  body: string | null;
  status: "published" | "pending" | "rejected";
  createdAt: string;
  editedAt: string | null;
  reportCount: number;
  toxicity: number | null;
  reported: boolean;
  version: number;
}

export interface Reason {
  source: string;
  action: string;
  code: string;
  detail?: string;
}

export interface QueueItem {
  comment: ModeratedComment;
  article: { id: string; title: string | null; url: string | null };
  author: {
    id: string;
    name: string;
    createdAt: string;
    history: { published: number; pending: number; rejected: number };
    ban: { until: string | null; reason: string | null } | null;
  };
  reasons: Reason[];
  reports: { reason: string; note: string | null; userId: string; createdAt: string }[];
}

export interface QueuePage {
  items: QueueItem[];
  counts: Record<QueueName, number>;
  nextCursor: string | null;
}

export interface AuditEntry {
  id: string;
  commentId: string | null;
  userId: string | null;
  actorType: string;
  actorId: string | null;
  action: string;
  statusBefore: string | null;
  statusAfter: string | null;
  reason: string | null;
  details: Record<string, unknown> | null;
  createdAt: string;
}

export interface Site {
  id: string;
  name: string;
}

export interface Caller {
  moderator: { type: "admin" | "moderator"; user: { id: string; name: string } | null };
  sites: Site[];
}

/** The 409 of a decision another moderator made first: the state that won. */
export interface CurrentState {
  id: string;
  status: ModeratedComment["status"];
  version: number;
  reported: boolean;
}

export type Settings = Record<string, string | number | string[] | null>;
