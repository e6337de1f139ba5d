import { sql } from "drizzle-orm";
import type { CommentRecord, ExportRecord } from "../archive/exportFormat";
import type { ParsedLine } from "../archive/parseExportLine";
import type { BatchStatement, Db } from "../db/client";
import { articles, bans, comments, identities, moderators } from "../db/schema";
import { sha256Hex } from "../lib/crypto";
import { newId } from "../lib/ids";
import { copyKey } from "../moderation/moderateComment";
import { bumpQueue } from "../moderation/queueCounts.queries";
import { queueOf } from "../moderation/queueOf";
import type { ImportContext, Tally } from "./importChunk";
import { countsAndSortKeys, siteRatioMinReactions } from "../comments/sortKeys";
import { claimed, rememberedSources, rememberSource, type SourceKind, type SourceRow } from "./sources.queries";

/** The source id an export's record is remembered by (ids are global, so the file's id is enough). */
const key = (id: string) => `marginalia:${id}`;
const time = (iso: string | null | undefined) => (iso ? Date.parse(iso) : null);
/** People who may be gone: a deleted account's anonymous id, the admin. Kept as they are. */
const keptAsIs = (id: string) => id.startsWith("anon_") || id === "admin";

/**
 * The statements that write one chunk of a Marginalia export's records into a site, after one
 * read batch of what earlier chunks (and imports) already brought in. Every comment, author,
 * report and audit entry gets a new id (ids are global), remembered in `import_sources` by its id
 * in the file, so references map through them and a record written before adds nothing.
 * Article ids belong to the site and are kept. A record whose required reference (a comment's
 * author or parent, a report's comment or reporter, an identity's, grant's or ban's person) is
 * not in the file is skipped and reported; loose references (reviewer, actor, ban author, an
 * audit entry's comment or user) are mapped when known and kept as they are otherwise.
 */
export async function restoreChunk(db: Db, ctx: ImportContext, lines: ParsedLine[]) {
  const tally: Tally = { comments: 0, authors: 0, skipped: 0, rejected: 0, errors: [] };
  const records: { record: ExportRecord; line: number }[] = [];
  for (const parsed of lines) {
    if (parsed.kind === "invalid") {
      tally.skipped++;
      tally.errors.push({ line: parsed.line, ...(parsed.sourceId ? { sourceId: parsed.sourceId } : {}), message: parsed.message });
    } else if (parsed.kind === "record") records.push({ record: parsed.record, line: parsed.line });
  }
  const known = await rememberedSources(db, ctx.siteId, wantedSources(records.map((r) => r.record)));
  const local = (kind: SourceKind, id: string | null) => (id === null ? undefined : (known.get(`${kind}|${key(id)}`)?.localId ?? undefined));
  const person = (id: string) => local("author", id) ?? (keptAsIs(id) ? id : undefined);
  const loose = (kind: SourceKind, id: string | null) => (id === null ? null : (local(kind, id) ?? id));
  const statements: BatchStatement[] = [];
  /** Claims a new local id for a record; false when the file's id was brought in before. */
  const claim = (kind: SourceKind, id: string, localId: string, rootId: string | null = null) => {
    if (known.has(`${kind}|${key(id)}`)) return false;
    const row: SourceRow = { siteId: ctx.siteId, kind, sourceId: key(id), localId, rootId, name: null, url: null, importId: ctx.importId };
    known.set(`${kind}|${row.sourceId}`, row);
    statements.push(rememberSource(db, row));
    return true;
  };
  const guard = (kind: SourceKind, id: string, localId: string) => claimed(ctx.siteId, kind, key(id), localId);
  const skip = (line: number, id: string | undefined, message: string) => {
    tally.skipped++;
    tally.errors.push({ line, ...(id ? { sourceId: id } : {}), message });
  };

  for (const { record: r, line } of records) {
    if (r.type === "article") {
      statements.push(
        db
          .insert(articles)
          .values({
            siteId: ctx.siteId,
            id: r.id,
            url: r.url,
            title: r.title,
            open: r.open,
            premoderation: r.premoderation,
            createdAt: time(r.createdAt)!,
            importId: ctx.importId,
          })
          .onConflictDoNothing(),
      );
    } else if (r.type === "author") {
      const id = newId(time(r.createdAt)!);
      if (!claim("author", r.id, id)) continue;
      statements.push(
        db.run(sql`insert into users (id, site_id, display_name, avatar_url, role, badges, granted_badges, import_id, created_at, updated_at)
          select ${id}, ${ctx.siteId}, ${r.displayName}, ${r.avatarUrl}, ${r.role}, ${JSON.stringify(r.badges ?? [])}, ${JSON.stringify(r.grantedBadges ?? [])},
            ${ctx.importId}, ${time(r.createdAt)}, ${time(r.updatedAt)} where ${guard("author", r.id, id)}`),
      );
      tally.authors++;
    } else if (r.type === "identity") {
      const userId = local("author", r.authorId);
      if (!userId) skip(line, r.authorId, `identity: author ${r.authorId} is not in the file`);
      else {
        const provider = r.provider === "sso" ? `sso:${ctx.siteId}` : r.provider;
        statements.push(
          db
            .insert(identities)
            .values({ siteId: ctx.siteId, provider, subject: r.subject, userId, createdAt: time(r.createdAt)! })
            .onConflictDoNothing(),
        );
      }
    } else if (r.type === "comment") await writeComment(r, line);
    else if (r.type === "report") {
      const commentId = local("post", r.commentId);
      const userId = person(r.userId);
      if (!commentId || !userId) skip(line, r.id, `report: ${commentId ? `reporter ${r.userId}` : `comment ${r.commentId}`} is not in the file`);
      else {
        const id = newId(time(r.createdAt)!);
        if (!claim("report", r.id, id)) continue;
        statements.push(
          db.run(sql`insert into reports (id, site_id, comment_id, user_id, reason, note, created_at)
            select ${id}, ${ctx.siteId}, ${commentId}, ${userId}, ${r.reason}, ${r.note}, ${time(r.createdAt)} where ${guard("report", r.id, id)}`),
        );
      }
    } else if (r.type === "moderator" || r.type === "ban") {
      const userId = person(r.userId);
      if (!userId) skip(line, r.userId, `${r.type}: ${r.userId} is not in the file`);
      else if (r.type === "moderator")
        statements.push(
          db
            .insert(moderators)
            .values({ siteId: ctx.siteId, userId, createdAt: time(r.createdAt)! })
            .onConflictDoNothing(),
        );
      else {
        const ban = {
          siteId: ctx.siteId,
          userId,
          until: time(r.until),
          reason: r.reason,
          createdBy: loose("author", r.createdBy)!,
          createdAt: time(r.createdAt)!,
        };
        statements.push(db.insert(bans).values(ban).onConflictDoNothing());
      }
    } else if (r.type === "moderationAction") {
      const id = newId(time(r.createdAt)!);
      if (!claim("action", r.id, id)) continue;
      statements.push(
        db.run(sql`insert into moderation_actions (id, site_id, comment_id, user_id, actor_type, actor_id, action, status_before, status_after, reason, details, created_at)
          select ${id}, ${ctx.siteId}, ${loose("post", r.commentId)}, ${loose("author", r.userId)}, ${r.actorType}, ${loose("author", r.actorId)}, ${r.action},
            ${r.statusBefore}, ${r.statusAfter}, ${r.reason}, ${r.details === null ? null : JSON.stringify(r.details)}, ${time(r.createdAt)}
          where ${guard("action", r.id, id)}`),
      );
    }
  }

  async function writeComment(c: CommentRecord, line: number) {
    if (known.has(`post|${key(c.id)}`)) return;
    const authorId = person(c.authorId);
    const parentId = c.parentId === null ? null : local("post", c.parentId);
    if (!authorId) return skip(line, c.id, `comment: author ${c.authorId} is not in the file`);
    if (parentId === undefined) return skip(line, c.id, `comment: parent ${c.parentId} is not in the file`);
    const id = newId(time(c.createdAt)!);
    claim("post", c.id, id, parentId);
    const bodyHash = c.body === null ? null : await sha256Hex(copyKey(c.body));
    const at = { reportedAt: time(c.reportedAt), reviewedAt: time(c.reviewedAt) };
    statements.push(
      db.run(sql`insert into ${comments} (id, site_id, article_id, parent_id, author_id, body, public_body, status, deleted, report_count, pinned_at, featured_at,
          created_at, edited_at, reasons, toxicity, body_hash, reported_at, reviewed_at, reviewed_by, import_id)
        select ${id}, ${ctx.siteId}, ${c.articleId}, ${parentId}, ${authorId}, ${c.body}, ${c.publicBody ?? null}, ${c.status}, ${c.deleted ? 1 : 0}, ${c.reportCount},
          ${time(c.pinnedAt)}, ${time(c.featuredAt)}, ${time(c.createdAt)}, ${time(c.editedAt)}, ${JSON.stringify(c.reasons)}, ${c.toxicity}, ${bodyHash},
          ${at.reportedAt}, ${at.reviewedAt}, ${loose("author", c.reviewedBy)}, ${ctx.importId}
        where ${guard("post", c.id, id)}`),
    );
    // Reactions are not in a file: the counts are set after the insert, with their sort keys, so the trigger keeps the author's likes.
    if (c.likes || c.dislikes) {
      const set = countsAndSortKeys(sql`${c.likes}`, sql`${c.dislikes}`, siteRatioMinReactions(ctx.siteId));
      statements.push(db.run(sql`update ${comments} set ${set} where id = ${id} and likes = 0 and dislikes = 0`));
    }
    const queue = queueOf({ status: c.status, deleted: c.deleted, ...at });
    if (queue) statements.push(bumpQueue(db, ctx.siteId, queue, 1, sql`exists (select 1 from ${comments} where ${comments.id} = ${id})`));
    if (!c.deleted) tally.comments++;
    if (!c.deleted && c.status === "rejected") tally.rejected++;
  }

  return { statements, tally };
}

/** The file's ids a chunk's records name, per kind of remembered source: read in one batch. */
function wantedSources(records: ExportRecord[]): Partial<Record<SourceKind, string[]>> {
  const wanted = { author: [] as string[], post: [] as string[], report: [] as string[], action: [] as string[] };
  const add = (kind: keyof typeof wanted, ...ids: (string | null)[]) => {
    for (const id of ids) if (id !== null) wanted[kind].push(key(id));
  };
  for (const r of records) {
    if (r.type === "author") add("author", r.id);
    else if (r.type === "identity" || r.type === "moderator" || r.type === "ban") add("author", r.type === "identity" ? r.authorId : r.userId);
    if (r.type === "ban") add("author", r.createdBy);
    if (r.type === "comment") {
      add("post", r.id, r.parentId);
      add("author", r.authorId, r.reviewedBy);
    } else if (r.type === "report") {
      add("report", r.id);
      add("post", r.commentId);
      add("author", r.userId);
    } else if (r.type === "moderationAction") {
      add("action", r.id);
      add("post", r.commentId);
      add("author", r.userId, r.actorId);
    }
  }
  return wanted;
}
