import { z } from "@hono/zod-openapi";
import { reactionValues, reportReasons, type Article } from "../db/schema";
import { answersWith } from "../lib/errors";
import { hasVisibleText, plainBody } from "../lib/plainText";
import { charCount, MAX_BODY_CHARS } from "./bodyLength";

export const articleIdSchema = z.string().min(1).max(200).openapi({ example: "2021-05-17-lg-ai" });

// Cleaned before it is counted, checked or stored (src/lib/plainText.ts). A body with nothing
// visible answers `empty_body`: it would otherwise be published as a blank comment, and the
// second one rejected as a duplicate.
const bodySchema = z
  .string()
  .max(MAX_BODY_CHARS * 4)
  .transform(plainBody)
  .refine(hasVisibleText, { message: "must contain visible text", params: answersWith("empty_body") })
  .refine((s) => charCount(s) <= MAX_BODY_CHARS, `must be at most ${MAX_BODY_CHARS} characters`)
  .openapi({
    type: "string",
    description: "Plain text, 1–3000 characters after trimming and removing control, bidi and invisible characters; never interpreted as HTML",
  });

const httpUrl = z
  .string()
  .max(2000)
  .url()
  .refine((u) => /^https?:\/\//i.test(u), "must be an http(s) URL");

export const createCommentSchema = z
  .object({
    body: bodySchema,
    parentId: z.string().min(1).max(64).optional(),
    url: httpUrl.optional(),
    title: z.string().trim().max(500).optional(),
    confirm: z.boolean().optional().openapi({ description: "Post anyway after a 422 needs_confirmation warning (the comment is held for review)" }),
  })
  .strict()
  .openapi("CreateComment");

export const editCommentSchema = z.object({ body: bodySchema, confirm: z.boolean().optional() }).strict().openapi("EditComment");

export const reactionSchema = z
  .object({ value: z.enum(reactionValues).nullable() })
  .strict()
  .openapi("Reaction");

export const reportSchema = z
  .object({ reason: z.enum(reportReasons), note: z.string().trim().max(1000).optional() })
  .strict()
  .openapi("Report");

export const sortSchema = z.enum(["newest", "oldest", "popular", "net", "ratio", "replies", "featured"]);
export type Sort = z.infer<typeof sortSchema>;

export const listQuerySchema = z.object({
  sort: sortSchema.optional().openapi({
    description:
      "newest (default for comments) | oldest (default for replies) | popular (likes) | net (순공감순: likes − dislikes) | ratio (공감비율순: likes / (likes + dislikes), comments with fewer than the site's ratioMinReactions after the others) | replies (답글순) | featured (the 추천 view: featured comments only, most recently featured first)",
  }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
  parent: z.string().min(1).max(64).optional().openapi({ description: "List the replies of this comment (oldest first by default)" }),
});

const uniqueIds = (ids: string[]) => [...new Set(ids.map((a) => a.trim()).filter(Boolean))];

/**
 * Articles by `articles=a,b,c` (comma-separated) and/or repeated `article=` (for ids that
 * contain commas); 1 to 100 distinct ids in all.
 */
export const countsQuerySchema = z
  .object({
    articles: z
      .string()
      .optional()
      .transform((s) => uniqueIds(s?.split(",") ?? []))
      .openapi({ type: "string", description: "Comma-separated article ids", example: "a1,a2" }),
    article: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((a) => uniqueIds(a === undefined ? [] : [a].flat()))
      .openapi({ description: "An article id; repeat for several (ids may contain commas)" }),
  })
  .transform((q) => ({ ids: uniqueIds([...q.articles, ...q.article]) }))
  .refine((q) => q.ids.length >= 1 && q.ids.length <= 100, {
    message: "must name 1 to 100 article ids (articles=a,b or article=a&article=b)",
    path: ["articles"],
  })
  .refine((q) => q.ids.every((id) => id.length <= 200), { message: "article ids are at most 200 characters", path: ["articles"] });

const authorSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    avatar: z.string().nullable(),
    badges: z.array(z.string()).openapi({ description: "Shown next to the name (기자, 전문가, 운영자): the SSO claim's, then those moderators gave" }),
  })
  .openapi("Author");

const commentFields = {
  id: z.string(),
  parentId: z.string().nullable(),
  author: authorSchema.nullable().openapi({ description: "null for a deleted comment" }),
  body: z.string().nullable().openapi({ description: "The public text (words the site's profanity policy masks shown as ○○○); null for a deleted comment" }),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  likes: z.number().int(),
  dislikes: z.number().int(),
  replyCount: z.number().int(),
  status: z.enum(["published", "pending", "rejected"]),
  deleted: z.boolean(),
  mine: z.boolean(),
  myReaction: z.enum(reactionValues).nullable(),
  pinned: z.boolean().openapi({ description: "Pinned by a moderator (고정됨): also listed in `pinned` on first pages" }),
  featured: z.boolean().openapi({ description: "Featured by a moderator (추천 댓글): listed by sort=featured" }),
  folded: z.boolean().openapi({ description: "Shown folded (접힌 댓글): folded by the viewer, or by the site's foldThreshold readers" }),
};

export const commentSchema = z.object(commentFields).openapi("Comment");

export const threadCommentSchema = z
  .object({
    ...commentFields,
    replies: z.array(commentSchema).openapi({ description: "The first replies, oldest first" }),
    repliesCursor: z.string().nullable().openapi({ description: "Continue with ?parent=<id>&cursor=" }),
  })
  .openapi("ThreadComment");

export const articleSchema = z
  .object({ id: z.string(), commentCount: z.number().int(), open: z.boolean(), url: z.string().nullable(), title: z.string().nullable() })
  .openapi("Article");

export const adminArticleSchema = articleSchema.extend({ premoderation: z.enum(["off", "new-users", "all"]).nullable() }).openapi("AdminArticle");

export function toArticleJson(article: Pick<Article, "id" | "commentCount" | "open" | "url" | "title">): z.infer<typeof articleSchema> {
  return { id: article.id, commentCount: article.commentCount, open: article.open, url: article.url, title: article.title };
}

export type CommentJson = z.infer<typeof commentSchema>;
export type ThreadCommentJson = z.infer<typeof threadCommentSchema>;
