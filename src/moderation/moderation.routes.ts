import { createRoute, z } from "@hono/zod-openapi";
import type { Comment } from "../db/schema";
import { ApiError } from "../lib/errors";
import { createRouter, errorResponses, idParam, jsonBody, jsonResponse, moderatorSecurity, siteParam } from "../lib/openapi";
import { loadSite } from "../middleware/site";
import { moderationActionNames, decide, type ModerationActionName } from "./actions";
import { event, publishedEvents } from "../notifications/events";
import { commentToModerate, moderationAuth, moderatorOf } from "./actor";
import type { Actor } from "./types";
import { banUser, unbanUser } from "./bans";
import { listAuditLog } from "./auditLog";
import {
  auditEntrySchema,
  banSchema,
  bulkSchema,
  decisionSchema,
  logQuerySchema,
  moderatedCommentSchema,
  queueItemSchema,
  queueQuerySchema,
  toModeratedComment,
} from "./moderation.schemas";
import { listQueue } from "./listQueue";
import { iso } from "../lib/iso";
import { decisionLabel, learnLater } from "./adaptation/learnLater";

const countsSchema = z.object({ pending: z.number().int(), reported: z.number().int(), rejected: z.number().int(), approved: z.number().int() });

const decisionRoute = (action: ModerationActionName) =>
  createRoute({
    method: "post",
    path: `/moderation/comments/{id}/${action}`,
    tags: ["Moderation"],
    summary: `${action[0]!.toUpperCase()}${action.slice(1)} a comment`,
    security: moderatorSecurity,
    middleware: [moderationAuth] as const,
    request: { params: idParam, ...jsonBody(decisionSchema, false) },
    responses: {
      200: jsonResponse(z.object({ comment: moderatedCommentSchema }), "The comment after the decision"),
      ...errorResponses(400, 401, 403, 404, 409),
    },
  });

const routes = {
  queue: createRoute({
    method: "get",
    path: "/sites/{site}/moderation/queue",
    tags: ["Moderation"],
    summary: "A page of a moderation queue, with counts per queue",
    security: moderatorSecurity,
    middleware: [loadSite, moderationAuth] as const,
    request: { params: siteParam, query: queueQuerySchema },
    responses: {
      200: jsonResponse(z.object({ items: z.array(queueItemSchema), counts: countsSchema, nextCursor: z.string().nullable() }), "Queue page"),
      ...errorResponses(400, 401, 403, 404),
    },
  }),
  bulk: createRoute({
    method: "post",
    path: "/moderation/bulk",
    tags: ["Moderation"],
    summary: "Approve, reject or restore many comments",
    security: moderatorSecurity,
    middleware: [moderationAuth] as const,
    request: { ...jsonBody(bulkSchema) },
    responses: {
      200: jsonResponse(
        z.object({
          results: z.array(
            z.object({
              id: z.string(),
              ok: z.boolean(),
              comment: moderatedCommentSchema.optional(),
              error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }).optional(),
            }),
          ),
        }),
        "One result per id",
      ),
      ...errorResponses(400, 401),
    },
  }),
  ban: createRoute({
    method: "post",
    path: "/sites/{site}/users/{userId}/ban",
    tags: ["Moderation"],
    summary: "Ban a user from the site (optionally until a date)",
    security: moderatorSecurity,
    middleware: [loadSite, moderationAuth] as const,
    request: { params: siteParam.extend({ userId: z.string().min(1).max(64) }), ...jsonBody(banSchema, false) },
    responses: {
      200: jsonResponse(z.object({ ban: z.object({ userId: z.string(), until: z.string().nullable(), reason: z.string().nullable() }) }), "The ban"),
      ...errorResponses(400, 401, 403, 404),
    },
  }),
  unban: createRoute({
    method: "delete",
    path: "/sites/{site}/users/{userId}/ban",
    tags: ["Moderation"],
    summary: "Lift a ban",
    security: moderatorSecurity,
    middleware: [loadSite, moderationAuth] as const,
    request: { params: siteParam.extend({ userId: z.string().min(1).max(64) }) },
    responses: { 204: { description: "Lifted" }, ...errorResponses(401, 403, 404) },
  }),
  log: createRoute({
    method: "get",
    path: "/sites/{site}/moderation/log",
    tags: ["Moderation"],
    summary: "The audit log of a site, a comment or a user",
    security: moderatorSecurity,
    middleware: [loadSite, moderationAuth] as const,
    request: { params: siteParam, query: logQuerySchema },
    responses: {
      200: jsonResponse(z.object({ entries: z.array(auditEntrySchema), nextCursor: z.string().nullable() }), "Newest first"),
      ...errorResponses(400, 401, 403, 404),
    },
  }),
};

const actionEvent = (siteId: string, name: string, actor: Actor, fields: { commentId?: string; userId?: string }) =>
  event(siteId, "moderation.action", name, { ...fields, actor: { type: actor.type, id: actor.id } });

/** The webhook events of a decision: the action, and the comment becoming public when it does. */
function decisionEvents(before: Comment, decided: Comment, action: ModerationActionName, actor: Actor) {
  const events = [actionEvent(decided.siteId, action, actor, { commentId: decided.id, userId: decided.authorId })];
  if (before.status !== "published" && decided.status === "published") events.push(...publishedEvents(decided, action));
  return events;
}

export const moderationRoutes = createRouter();
for (const action of moderationActionNames) {
  moderationRoutes.openapi(decisionRoute(action), async (c) => {
    const { comment, actor } = await commentToModerate(c, c.req.valid("param").id);
    const body = (c.req.valid("json") ?? {}) as { reason?: string; version?: number };
    const decided = await decide(c.get("db"), actor, comment, action, body.reason, body.version);
    c.get("events").push(...decisionEvents(comment, decided, action, actor));
    const label = decisionLabel(decided, action);
    if (label) learnLater(c, [{ siteId: decided.siteId, decision: label }]);
    return c.json({ comment: toModeratedComment(decided) }, 200);
  });
}

moderationRoutes
  .openapi(routes.queue, async (c) => {
    const site = c.get("site")!;
    await moderatorOf(c, site.id);
    const { queue, cursor, limit } = c.req.valid("query");
    return c.json(await listQueue(c.get("db"), site.id, queue, cursor, limit, site.settings.toxicityThreshold), 200);
  })
  .openapi(routes.bulk, async (c) => {
    const { action, ids, reason, versions } = c.req.valid("json");
    const results = [];
    const labels = [];
    // One after another: each decision is its own guarded transition, reported on its own.
    for (const id of [...new Set(ids)]) {
      try {
        const { comment, actor } = await commentToModerate(c, id);
        const decided = await decide(c.get("db"), actor, comment, action, reason, versions?.[id]);
        c.get("events").push(...decisionEvents(comment, decided, action, actor));
        results.push({ id, ok: true, comment: toModeratedComment(decided) });
        const label = decisionLabel(decided, action);
        if (label) labels.push({ siteId: decided.siteId, decision: label });
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        results.push({ id, ok: false, error: error.toBody().error });
      }
    }
    learnLater(c, labels);
    return c.json({ results }, 200);
  })
  .openapi(routes.ban, async (c) => {
    const site = c.get("site")!;
    const actor = await moderatorOf(c, site.id);
    const body = (c.req.valid("json") ?? {}) as z.infer<typeof banSchema>;
    const until = body.until ? Date.parse(body.until) : null;
    if (until !== null && until <= Date.now())
      throw new ApiError("invalid_request", "until must be in the future", [{ location: "json", path: "until", message: "must be in the future" }]);
    const ban = await banUser(c.get("db"), actor, site.id, c.req.valid("param").userId, until, body.reason ?? null);
    c.get("events").push(actionEvent(site.id, "ban", actor, { userId: ban.userId }));
    return c.json({ ban: { userId: ban.userId, until: iso(ban.until), reason: ban.reason } }, 200);
  })
  .openapi(routes.unban, async (c) => {
    const site = c.get("site")!;
    const actor = await moderatorOf(c, site.id);
    await unbanUser(c.get("db"), actor, site.id, c.req.valid("param").userId);
    c.get("events").push(actionEvent(site.id, "unban", actor, { userId: c.req.valid("param").userId }));
    return c.body(null, 204);
  })
  .openapi(routes.log, async (c) => {
    const site = c.get("site")!;
    await moderatorOf(c, site.id);
    const { commentId, userId, cursor, limit } = c.req.valid("query");
    return c.json(await listAuditLog(c.get("db"), { siteId: site.id, commentId, userId }, cursor, limit), 200);
  });
