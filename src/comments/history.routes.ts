import { createRoute, z } from "@hono/zod-openapi";
import { edgeCachedResponse, PUBLIC_CACHE_CONTROL } from "../edge/edgeCache";
import { ApiError } from "../lib/errors";
import { iso } from "../lib/iso";
import { decodeKey, encodeKey } from "../lib/keysetCursor";
import { createRouter, errorResponses, jsonResponse, siteParam } from "../lib/openapi";
import { loadSite } from "../middleware/site";
import { commentSchema } from "./comments.schemas";
import { historyPage } from "./history.queries";
import { authorOf, toCommentJson } from "./serialize";

const CURSOR_SCOPE = "history";

const historyUserSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    badges: z.array(z.string()).openapi({ description: "Badges next to the name (기자, 전문가…): the SSO claim's, then those moderators gave" }),
    commentCount: z.number().int().openapi({ description: "Published comments on this site" }),
    likesReceived: z.number().int().openapi({ description: "공감 received on those comments" }),
    joinedAt: z.string(),
  })
  .openapi("HistoryUser");

const historyCommentSchema = commentSchema
  .extend({
    articleId: z.string(),
    article: z.object({ id: z.string(), title: z.string().nullable(), url: z.string().nullable() }),
  })
  .openapi("HistoryComment");

const historyRoute = createRoute({
  method: "get",
  path: "/sites/{site}/users/{userId}/comments",
  tags: ["Comments"],
  summary: "A reader's public comment history on the site (댓글 이력), newest first",
  description:
    "Their published comments only (never deleted, held or rejected ones), keyset-paged. 403 `history_disabled` when the site turned `publicHistory` off; 404 `user_not_found` for no such reader of this site. Anonymous pages come from the edge cache like article pages (at most 10 s old).",
  middleware: [loadSite] as const,
  request: {
    params: siteParam.extend({ userId: z.string().min(1).max(64) }),
    query: z.object({ cursor: z.string().max(500).optional(), limit: z.coerce.number().int().min(1).max(50).default(20) }),
  },
  responses: {
    ...edgeCachedResponse(
      jsonResponse(z.object({ user: historyUserSchema, comments: z.array(historyCommentSchema), nextCursor: z.string().nullable() }), "A page of the history"),
    ),
    ...errorResponses(400, 403, 404),
  },
});

/** Public comment history (댓글 이력): clicking an author's name shows who they are here and what they wrote. */
export const historyRoutes = createRouter().openapi(historyRoute, async (c) => {
  const site = c.get("site")!;
  const { userId } = c.req.valid("param");
  const { cursor, limit } = c.req.valid("query");
  if (!site.settings.publicHistory) throw new ApiError("history_disabled", "This site does not show its readers' comment history");
  const { author, rows } = await historyPage(c.get("db"), site.id, userId, limit, cursor ? decodeKey(cursor, `${CURSOR_SCOPE}:${userId}`) : undefined);
  if (!author) throw new ApiError("user_not_found", "No such reader on this site");
  const page = rows.slice(0, limit);
  const last = page[page.length - 1]?.comment;
  // Public data, the same for everyone: no viewer-specific fields (`mine`, `myReaction`).
  const shown = authorOf(author);
  const view = { authors: new Map([[author.id, shown]]), reactions: new Map(), foldThreshold: site.settings.foldThreshold };
  c.header("Cache-Control", PUBLIC_CACHE_CONTROL);
  return c.json(
    {
      user: {
        id: author.id,
        name: author.displayName,
        badges: shown.badges,
        commentCount: author.publishedCount,
        likesReceived: author.likesReceived,
        joinedAt: iso(author.createdAt),
      },
      comments: page.map(({ comment, title, url }) => ({
        ...toCommentJson(comment, view),
        articleId: comment.articleId,
        article: { id: comment.articleId, title, url },
      })),
      nextCursor: rows.length > limit && last ? encodeKey({ at: last.createdAt, id: last.id }, `${CURSOR_SCOPE}:${userId}`) : null,
    },
    200,
  );
});
