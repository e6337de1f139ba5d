import { and, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { BatchStatement, Db } from "../../db/client";
import { adaptationLabels, comments, siteAdaptations } from "../../db/schema";
import { WINDOW_LABELS, WINDOW_UNREVIEWED } from "./calibration";
import { COUNTS_BYTES, LEARNER_BYTES } from "./learnerBlob";
import { FOLD_SIZE } from "./siteModel";

export type AdaptationRow = typeof siteAdaptations.$inferSelect;
export type LabelRow = typeof adaptationLabels.$inferSelect;

/**
 * What scoring needs of a site's adaptation; the weights and the label counts that scale them
 * (64 KB each) only when the version differs from the one this isolate holds, so re-checking an
 * unchanged site reads a few bytes.
 */
export function scoringStateStatement(db: Db, siteId: string, heldVersion: number) {
  return db
    .select({
      version: siteAdaptations.version,
      weights: sql<ArrayBuffer | number[] | null>`case when ${siteAdaptations.version} = ${heldVersion} then null else ${siteAdaptations.weights} end`,
      // Only from a learner state of the current layout (a reset's zeroes, an older row's sums: none).
      counts: sql<
        ArrayBuffer | number[] | null
      >`case when ${siteAdaptations.version} = ${heldVersion} or length(${siteAdaptations.learner}) != ${LEARNER_BYTES} then null
        else substr(${siteAdaptations.learner}, 1, ${COUNTS_BYTES}) end`,
      bias: siteAdaptations.bias,
      scale: siteAdaptations.scale,
      threshold: siteAdaptations.threshold,
      labels: sql<number>`${siteAdaptations.abusiveLabels} + ${siteAdaptations.cleanLabels}`,
    })
    .from(siteAdaptations)
    .where(eq(siteAdaptations.siteId, siteId));
}

/** Everything the learner needs: the whole row. */
export function learningStateStatement(db: Db, siteId: string) {
  return db.select().from(siteAdaptations).where(eq(siteAdaptations.siteId, siteId));
}

/** The labels these comments already have (a decision being reversed). */
export function labelsOfStatement(db: Db, siteId: string, commentIds: string[]) {
  return db
    .select()
    .from(adaptationLabels)
    .where(and(eq(adaptationLabels.siteId, siteId), inArray(adaptationLabels.commentId, commentIds)));
}

/** The calibration window's labels: the latest `WINDOW_LABELS`, newest first. */
export function recentLabelsStatement(db: Db, siteId: string) {
  return db
    .select({ commentId: adaptationLabels.commentId, abusive: adaptationLabels.abusive, score: adaptationLabels.score, decidedAt: adaptationLabels.decidedAt })
    .from(adaptationLabels)
    .where(eq(adaptationLabels.siteId, siteId))
    .orderBy(desc(adaptationLabels.decidedAt))
    .limit(WINDOW_LABELS);
}

/**
 * Published comments nobody reviewed or reported, scored, since the oldest label of the window:
 * presumed clean (newest first, on the queue index).
 */
export function unreviewedStatement(db: Db, siteId: string) {
  const since = sql`(select min(decided_at) from (select ${adaptationLabels.decidedAt} from ${adaptationLabels}
    where ${adaptationLabels.siteId} = ${siteId} order by ${adaptationLabels.decidedAt} desc limit ${WINDOW_LABELS}))`;
  return db
    .select({ id: comments.id, score: comments.toxicity })
    .from(comments)
    .where(
      and(
        eq(comments.siteId, siteId),
        eq(comments.status, "published"),
        sql`${comments.createdAt} >= ${since}`,
        eq(comments.deleted, false),
        isNull(comments.reviewedAt),
        isNull(comments.reportedAt),
        sql`${comments.toxicity} is not null`,
      ),
    )
    .orderBy(desc(comments.createdAt))
    .limit(WINDOW_UNREVIEWED);
}

/** The text a comment was scored on (`scoredText`): its masked public copy where there is one. */
const scoredText = sql<string | null>`coalesce(${comments.publicBody}, ${comments.body})`;

/**
 * Published comments nobody reviewed or reported, posted after `after` and no later than
 * `before`, oldest first: the next ones to learn as presumed clean (on the queue index).
 * `body` is the text each was scored on (`scoredText`: the masked copy where there is one).
 */
export function presumedCleanStatement(db: Db, siteId: string, after: number, before: number, limit: number) {
  return db
    .select({ id: comments.id, body: sql<string>`${scoredText}`, createdAt: comments.createdAt })
    .from(comments)
    .where(
      and(
        eq(comments.siteId, siteId),
        eq(comments.status, "published"),
        sql`${comments.createdAt} > ${after}`,
        sql`${comments.createdAt} <= ${before}`,
        eq(comments.deleted, false),
        sql`${comments.body} is not null`,
        isNull(comments.reviewedAt),
        isNull(comments.reportedAt),
        sql`${comments.toxicity} is not null`,
      ),
    )
    .orderBy(comments.createdAt)
    .limit(limit);
}

/** True while the site's adaptation is still at `version` (0: no row yet): every write of an update is guarded on it. */
export const stillAt = (siteId: string, version: number): SQL =>
  sql`coalesce((select ${siteAdaptations.version} from ${siteAdaptations} where ${siteAdaptations.siteId} = ${siteId}), 0) = ${version}`;

/** A comment's label, replacing the one it had. */
export function upsertLabel(db: Db, label: LabelRow, guard: SQL): BatchStatement {
  return db.run(sql`
    insert into ${adaptationLabels} (site_id, comment_id, abusive, score, decided_at)
    select ${label.siteId}, ${label.commentId}, ${label.abusive ? 1 : 0}, ${label.score}, ${label.decidedAt} where ${guard}
    on conflict (site_id, comment_id) do update set abusive = excluded.abusive, score = excluded.score, decided_at = excluded.decided_at`);
}

/**
 * A site's labels, oldest decision first, with the text each comment was scored on (null when
 * the comment's text is gone: deleted), on the labels' recent index: all of them (what a new
 * base model relearns), or the `limit` decided after `after` (the next ones to revisit).
 */
export function labelTextsStatement(db: Db, siteId: string, next?: { after: number; limit: number }) {
  const query = db
    .select({
      commentId: adaptationLabels.commentId,
      abusive: adaptationLabels.abusive,
      decidedAt: adaptationLabels.decidedAt,
      text: scoredText,
    })
    .from(adaptationLabels)
    .leftJoin(comments, eq(comments.id, adaptationLabels.commentId))
    .where(and(eq(adaptationLabels.siteId, siteId), next && sql`${adaptationLabels.decidedAt} > ${next.after}`))
    .orderBy(adaptationLabels.decidedAt, adaptationLabels.commentId)
    .$dynamic();
  return next ? query.limit(next.limit) : query;
}

export type LabelTextRow = Awaited<ReturnType<typeof labelTextsStatement>>[number];

/**
 * After relearning under a new base model: each relearnt label takes the score the site now
 * gives it (`scores`: comment id → score), and the labels that could not be relearnt (their
 * text is gone) are deleted. One statement each, whatever the number of labels.
 */
export function rescoreLabels(db: Db, siteId: string, scores: Map<string, number>, guard: SQL): BatchStatement[] {
  const json = JSON.stringify(Object.fromEntries(scores));
  return [
    db.run(sql`update ${adaptationLabels} set score = (select value from json_each(${json}) where key = ${adaptationLabels.commentId})
      where ${adaptationLabels.siteId} = ${siteId} and ${adaptationLabels.commentId} in (select key from json_each(${json})) and ${guard}`),
    db.run(sql`delete from ${adaptationLabels} where ${adaptationLabels.siteId} = ${siteId}
      and ${adaptationLabels.commentId} not in (select key from json_each(${json})) and ${guard}`),
  ];
}

/** Deletes all of a site's labels (its correction was learnt over another base model: they start again). */
export function clearLabels(db: Db, siteId: string, guard: SQL): BatchStatement {
  return db.run(sql`delete from ${adaptationLabels} where ${adaptationLabels.siteId} = ${siteId} and ${guard}`);
}

/** Keeps the latest `WINDOW_LABELS` labels of a site: the bound on its stored size. */
export function pruneLabels(db: Db, siteId: string, guard: SQL): BatchStatement {
  const cutoff = sql`(select ${adaptationLabels.decidedAt} from ${adaptationLabels} where ${adaptationLabels.siteId} = ${siteId}
    order by ${adaptationLabels.decidedAt} desc limit 1 offset ${WINDOW_LABELS - 1})`;
  return db.run(sql`delete from ${adaptationLabels} where ${adaptationLabels.siteId} = ${siteId} and ${adaptationLabels.decidedAt} < ${cutoff} and ${guard}`);
}

/**
 * Writes the new state only if nobody wrote since `readVersion` was read (`changes` 0: lost the
 * race). A first state is an insert that fails quietly when another isolate inserted first.
 */
export function writeState(db: Db, row: AdaptationRow, readVersion: number) {
  const next = { ...row, version: readVersion + 1 };
  if (readVersion === 0) return db.insert(siteAdaptations).values(next).onConflictDoNothing();
  return db
    .update(siteAdaptations)
    .set(next)
    .where(and(eq(siteAdaptations.siteId, row.siteId), eq(siteAdaptations.version, readVersion)));
}

/**
 * Forgets everything a site learnt: its labels, and its state back to blank under a new
 * version (never back to 0, so no isolate mistakes the blank weights for ones it holds).
 */
export function resetStatements(db: Db, siteId: string, now: number): BatchStatement[] {
  const bytes = FOLD_SIZE * 4;
  return [
    db.delete(adaptationLabels).where(eq(adaptationLabels.siteId, siteId)),
    db
      .update(siteAdaptations)
      .set({
        version: sql`${siteAdaptations.version} + 1`,
        weights: sql`zeroblob(${bytes})`,
        learner: sql`zeroblob(${bytes})`,
        bias: 0,
        scale: 1,
        biasSquared: 0,
        scaleSquared: 0,
        abusiveLabels: 0,
        cleanLabels: 0,
        threshold: null,
        calibratedAt: null,
        updatedAt: now,
      })
      .where(eq(siteAdaptations.siteId, siteId)),
  ];
}
