import { createRoute, z } from "@hono/zod-openapi";
import type { Session } from "../auth/sessions.queries";
import { edgeCachedResponse, publicCopy, PUBLIC_CACHE_CONTROL } from "../edge/edgeCache";
import { bearerToken } from "../lib/bearerToken";
import { sha256Hex } from "../lib/crypto";
import { ApiError } from "../lib/errors";
import { bearerSecurity, createRouter, errorResponses, idParam, jsonBody, jsonResponse, siteParam } from "../lib/openapi";
import { requireSession } from "../middleware/auth";
import { loadSite, sessionSite } from "../middleware/site";
import { burstLimit, limitAction } from "../limits/burst";
import { articleCounts } from "./articles.queries";
import {
  articleIdSchema,
  articleSchema,
  commentSchema,
  countsQuerySchema,
  createCommentSchema,
  editCommentSchema,
  listQuerySchema,
  reactionSchema,
  reportSchema,
  threadCommentSchema,
} from "./comments.schemas";
import { reactionValues, reportReasons } from "../db/schema";
import { createComment } from "./createComment";
import { deleteComment } from "./deleteComment";
import { editComment } from "./editComment";
import { publicListing, viewerListing, type Listing } from "./listComments";
import { setReaction } from "./reactions";
import { reportComment } from "./reports";
import { authorOf, toCommentJson, type ViewContext } from "./serialize";
import { setFold } from "./folds";
import { event, publishedEvents } from "../notifications/events";
import type { Comment } from "../db/schema";
import { iso } from "../lib/iso";
import { decisionLabel, learnLater } from "../moderation/adaptation/learnLater";

const articleParams = siteParam.extend({ article: articleIdSchema });
const idempotencyHeader = z.object({ "idempotency-key": z.string().min(1).max(200).optional() });

const routes = {
  list: createRoute({
    method: "get",
    path: "/sites/{site}/articles/{article}/comments",
    tags: ["Comments"],
    summary: "List an article's comments (keyset pages), or a comment's replies with ?parent=",
    description:
      "Anonymous pages come from the edge cache (fresh 5 s, never older than 10 s). With a session, the same public page plus the reader's overlay: their pending comments and their own changes since the page was made, and their reactions.",
    middleware: [loadSite] as const,
    request: { params: articleParams, query: listQuerySchema },
    responses: {
      ...edgeCachedResponse(
        jsonResponse(
          z.object({
            article: articleSchema,
            pinned: z.array(threadCommentSchema).openapi({
              description:
                "Comments moderators pinned (고정됨, at most 3), on the first page of top-level comments of every sort; empty on other pages. They are in `comments` too, where their sort puts them.",
            }),
            comments: z.array(threadCommentSchema),
            nextCursor: z.string().nullable(),
            viewer: z.object({ moderates: z.boolean() }).optional().openapi({
              description:
                "On a signed-in reader's page (a session of this site): whether they moderate the site now (SSO role or an admin's grant), so the widget shows pin and feature buttons as soon as a grant is given or taken back.",
            }),
          }),
          "A page",
        ),
      ),
      ...errorResponses(400, 401, 404),
    },
  }),
  create: createRoute({
    method: "post",
    path: "/sites/{site}/articles/{article}/comments",
    tags: ["Comments"],
    summary: "Post a comment or a reply",
    security: bearerSecurity,
    middleware: [burstLimit, loadSite, requireSession] as const,
    request: { params: articleParams, headers: idempotencyHeader, ...jsonBody(createCommentSchema) },
    responses: { 201: jsonResponse(z.object({ comment: commentSchema }), "The new comment"), ...errorResponses(400, 401, 403, 409, 413, 422, 429) },
  }),
  counts: createRoute({
    method: "get",
    path: "/sites/{site}/counts",
    tags: ["Comments"],
    summary: "Published comment counts of up to 100 articles",
    middleware: [loadSite] as const,
    request: { params: siteParam, query: countsQuerySchema },
    responses: {
      ...edgeCachedResponse(jsonResponse(z.object({ counts: z.record(z.string(), z.number().int()) }), "Counts by article id")),
      ...errorResponses(400, 404),
    },
  }),
  edit: createRoute({
    method: "patch",
    path: "/comments/{id}",
    tags: ["Comments"],
    summary: "Edit your comment within the edit window",
    security: bearerSecurity,
    middleware: [burstLimit, requireSession] as const,
    request: { params: idParam, ...jsonBody(editCommentSchema) },
    responses: { 200: jsonResponse(z.object({ comment: commentSchema }), "The edited comment"), ...errorResponses(400, 401, 403, 404, 422, 429) },
  }),
  remove: createRoute({
    method: "delete",
    path: "/comments/{id}",
    tags: ["Comments"],
    summary: "Delete a comment for good (author or moderator)",
    security: bearerSecurity,
    middleware: [burstLimit, requireSession] as const,
    request: { params: idParam },
    responses: { 204: { description: "Deleted; the text is erased" }, ...errorResponses(401, 403, 404) },
  }),
  react: createRoute({
    method: "put",
    path: "/comments/{id}/reaction",
    tags: ["Comments"],
    summary: "Like, dislike or clear your reaction",
    security: bearerSecurity,
    middleware: [burstLimit, requireSession] as const,
    request: { params: idParam, ...jsonBody(reactionSchema) },
    responses: {
      200: jsonResponse(z.object({ value: z.enum(reactionValues).nullable(), likes: z.number().int(), dislikes: z.number().int() }), "Counts after the change"),
      ...errorResponses(400, 401, 403, 404),
    },
  }),
  fold: createRoute({
    method: "put",
    path: "/comments/{id}/fold",
    tags: ["Comments"],
    summary: "Fold a comment for yourself (댓글 접기); idempotent",
    description: "From the site's `foldThreshold` folds, the comment is shown folded to everyone (`folded: true`), without going to a moderation queue.",
    security: bearerSecurity,
    middleware: [burstLimit, requireSession] as const,
    request: { params: idParam },
    responses: { 200: jsonResponse(z.object({ folded: z.boolean() }), "Folded for you"), ...errorResponses(401, 403, 404, 429) },
  }),
  unfold: createRoute({
    method: "delete",
    path: "/comments/{id}/fold",
    tags: ["Comments"],
    summary: "Take your fold back; idempotent",
    security: bearerSecurity,
    middleware: [burstLimit, requireSession] as const,
    request: { params: idParam },
    responses: { 200: jsonResponse(z.object({ folded: z.boolean() }), "No longer folded by you"), ...errorResponses(401, 403, 404, 429) },
  }),
  report: createRoute({
    method: "post",
    path: "/comments/{id}/reports",
    tags: ["Comments"],
    summary: "Report a comment to the moderators",
    security: bearerSecurity,
    middleware: [burstLimit, requireSession] as const,
    request: { params: idParam, ...jsonBody(reportSchema) },
    responses: {
      201: jsonResponse(
        z.object({
          report: z.object({ id: z.string(), commentId: z.string(), reason: z.enum(reportReasons), note: z.string().nullable(), createdAt: z.string() }),
        }),
        "Filed",
      ),
      ...errorResponses(400, 401, 403, 404, 409),
    },
  }),
};

function sessionFor(session: Session | undefined, siteId: string): Session {
  if (!session) throw new ApiError("unauthenticated", "Log in to do this");
  if (session.siteId !== siteId) throw new ApiError("wrong_site", "Your session is for another site");
  return session;
}

const queuedEvent = (comment: Comment, queue: string) =>
  event(comment.siteId, "comment.queued", queue, { commentId: comment.id, userId: comment.authorId, reasons: comment.reasons.map((r) => r.code) });

const mineView = (session: Session, foldThreshold: number): ViewContext => ({
  viewerId: session.user.id,
  authors: new Map([[session.user.id, authorOf(session.user)]]),
  reactions: new Map(),
  foldThreshold,
});

export const commentRoutes = createRouter()
  .openapi(routes.list, async (c) => {
    const { article } = c.req.valid("param");
    const query = c.req.valid("query");
    const [db, site, token] = [c.get("db"), c.get("site")!, bearerToken(c)];
    if (token === null) throw new ApiError("invalid_session", "Authorization must be `Bearer <session>`");
    if (token === undefined) return c.json(await publicListing(db, site.id, article, query, site.settings), 200);
    const copy = await publicCopy(c, async () => Response.json(await publicListing(db, site.id, article, query, site.settings)));
    const publicPage = { listing: (await copy.response.json()) as Listing, madeAt: copy.madeAt };
    return c.json(await viewerListing(db, await sha256Hex(token), publicPage, site.id, article, query, site.settings), 200);
  })
  .openapi(routes.create, async (c) => {
    const site = c.get("site")!;
    const session = sessionFor(c.get("session"), site.id);
    const events = c.get("events");
    try {
      const { comment, replayed } = await createComment(c.get("db"), {
        site,
        author: { ...session.user, moderates: session.moderates },
        articleId: c.req.valid("param").article,
        input: c.req.valid("json"),
        idempotencyKey: c.req.valid("header")["idempotency-key"],
      });
      if (comment.status === "pending" && !replayed) events.push(queuedEvent(comment, "pending"));
      if (comment.status === "published" && !replayed) events.push(...publishedEvents(comment, "new"));
      return c.json({ comment: toCommentJson(comment, mineView(session, site.settings.foldThreshold)) }, 201);
    } catch (error) {
      const commentId = error instanceof ApiError && error.code === "comment_rejected" ? (error.details as { commentId?: string }).commentId : undefined;
      if (commentId) events.push(event(site.id, "comment.queued", "rejected", { commentId, userId: session.user.id }));
      throw error;
    }
  })
  .openapi(routes.counts, async (c) => {
    const site = c.get("site")!;
    const { ids } = c.req.valid("query");
    const found = await articleCounts(c.get("db"), site.id, ids);
    c.header("Cache-Control", PUBLIC_CACHE_CONTROL);
    return c.json({ counts: Object.fromEntries(ids.map((id) => [id, found.get(id) ?? 0])) }, 200);
  })
  .openapi(routes.edit, async (c) => {
    const session = c.get("session")!;
    const site = await sessionSite(c);
    const { body, confirm } = c.req.valid("json");
    const comment = await editComment(c.get("db"), c.req.valid("param").id, session, site, body, confirm === true);
    if (comment.status === "pending") c.get("events").push(queuedEvent(comment, "pending"));
    return c.json({ comment: toCommentJson(comment, mineView(session, site.settings.foldThreshold)) }, 200);
  })
  .openapi(routes.remove, async (c) => {
    const session = c.get("session")!;
    const { comment, byModerator } = await deleteComment(c.get("db"), c.req.valid("param").id, session);
    // A moderator removing a published comment judged it abusive: a label for the site (read before it was erased).
    const label = byModerator && comment.status === "published" ? decisionLabel(comment, "reject") : undefined;
    if (label) learnLater(c, [{ siteId: comment.siteId, decision: label }]);
    if (byModerator) {
      c.get("events").push(
        event(comment.siteId, "moderation.action", "delete", {
          commentId: comment.id,
          userId: comment.authorId,
          actor: { type: "moderator", id: session.user.id },
        }),
      );
    }
    return c.body(null, 204);
  })
  .openapi(routes.react, async (c) => {
    const session = c.get("session")!;
    await limitAction(c, "reaction", session.user.id);
    // The site's ratio threshold keys the ratio sort in the reaction's own write (the isolate's copy of the site: no D1 call).
    const site = await sessionSite(c);
    return c.json(await setReaction(c.get("db"), c.req.valid("param").id, session, c.req.valid("json").value, site.settings.ratioMinReactions), 200);
  })
  .openapi(routes.fold, async (c) => {
    await limitAction(c, "fold", c.get("session")!.user.id);
    return c.json(await setFold(c.get("db"), c.req.valid("param").id, c.get("session")!, true), 200);
  })
  .openapi(routes.unfold, async (c) => {
    await limitAction(c, "fold", c.get("session")!.user.id);
    return c.json(await setFold(c.get("db"), c.req.valid("param").id, c.get("session")!, false), 200);
  })
  .openapi(routes.report, async (c) => {
    const { reason, note } = c.req.valid("json");
    const session = c.get("session")!;
    await limitAction(c, "report", session.user.id);
    const site = await sessionSite(c);
    const { report, queued } = await reportComment(c.get("db"), c.req.valid("param").id, session, site.settings, reason, note);
    if (queued) c.get("events").push(event(site.id, "comment.queued", "reported", { commentId: report.commentId, reasons: [queued] }));
    return c.json({ report: { id: report.id, commentId: report.commentId, reason: report.reason, note: report.note, createdAt: iso(report.createdAt) } }, 201);
  });
