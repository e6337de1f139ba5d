/** What the comments API answers (see README "Comments"); only the fields the widget reads. */
export interface Author {
  id: string;
  name: string;
  avatar: string | null;
}

export interface Comment {
  id: string;
  parentId: string | null;
  author: Author | null;
  body: string | null;
  createdAt: string;
  editedAt: string | null;
  likes: number;
  dislikes: number;
  replyCount: number;
  status: "published" | "pending" | "rejected";
  deleted: boolean;
  mine: boolean;
  myReaction: "like" | "dislike" | null;
}

export interface Thread extends Comment {
  replies: Comment[];
  repliesCursor: string | null;
}

export interface Article {
  id: string;
  commentCount: number;
  open: boolean;
}

export interface Me {
  id: string;
  name: string;
  role: string;
}

/** A social login the site offers (GET /sites/:site/login-providers). */
export interface Provider {
  id: string;
  label: string;
}

export type Sort = "newest" | "oldest" | "popular";

/** Server-side settings the frame page carries (src/widget/frameHtml.ts). */
export interface FrameConfig {
  site: string;
  siteName: string;
  article: string;
  lang: string;
  origin: string;
  editWindowSeconds: number;
}
