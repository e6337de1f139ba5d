import { call, type Target } from "./bench-scenarios";
import { runReaders, runWatcher, type Readers } from "./bench-viral-readers";
import { type ViralCheck, type ViralRows, viralChecks } from "./bench-viral-report";
import { loopUntil, type Route, type Sample, timed } from "./bench-viral-requests";
import { Sightings } from "./bench-viral-sightings";
import { type Row, rowOf } from "./bench-viral-stats";
import { type Correctness, FINAL_POLL_S, finalListing, judge } from "./bench-viral-tail";
import { type Post, runWriters, signInWriters } from "./bench-viral-writers";

export interface ViralOptions {
  /** Length of the viral load, and of the ceiling (half before it, half after). */
  seconds: number;
  /** Anonymous readers (connections), for the ceiling too. */
  readers: number;
  /** Signed-in writers, each posting every POST_EVERY_MS. */
  writers: number;
}

export interface ViralReport {
  options: ViralOptions & { postEveryMs: number };
  rows: Row[];
  /** The ceiling's req/s just before and just after the load: far apart, the machine's noise is large. */
  ceilingBeforeAfter: [number, number];
  /**
   * Cores the bench's own client used (Node's fetch, one process) in the ceiling runs and in the
   * viral load: near 1, the client, not the Worker, may be what limits req/s.
   */
  clientCores: { ceiling: number; viral: number };
  correctness: Correctness;
  checks: ViralCheck[];
  ok: boolean;
}

const POST_EVERY_MS = 500;

/** Runs `work` and returns how long it took (s) and how many cores this process used meanwhile. */
async function clocked(work: () => Promise<unknown>): Promise<{ seconds: number; cores: number }> {
  const [start, cpu] = [performance.now(), process.cpuUsage()];
  await work();
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  return { seconds, cores: (used.user + used.system) / 1e6 / seconds };
}

/** `/embed.js` on as many connections for `seconds`: what the Worker serves when it does no work. */
async function measureCeiling(target: Target, readers: number, seconds: number): Promise<{ samples: Sample[]; seconds: number; cores: number }> {
  const samples: Sample[] = [];
  const clock = await clocked(() =>
    loopUntil(performance.now() + seconds * 1000, readers, async () => {
      await timed(samples, "ceiling", "/embed.js", () => call(target, "/embed.js"));
    }),
  );
  return { samples, ...clock };
}

/**
 * The ceiling in two halves, just before and just after the viral load (`load`), so a burst of
 * other work on a shared machine weighs on both sides of the ratio rather than on one.
 */
async function aroundCeiling<T>(target: Target, options: ViralOptions, load: () => Promise<T>) {
  const before = await measureCeiling(target, options.readers, options.seconds / 2);
  const result = await load();
  const after = await measureCeiling(target, options.readers, options.seconds / 2);
  const seconds = before.seconds + after.seconds;
  return {
    result,
    row: rowOf("static /embed.js (ceiling)", [...before.samples, ...after.samples], seconds, { expect: [200], views: false }),
    beforeAfter: [before.samples.length / before.seconds, after.samples.length / after.seconds] as [number, number],
    cores: (before.cores * before.seconds + after.cores * after.seconds) / seconds,
  };
}

/** The accepted post, not yet seen by an anonymous reader, with the oldest createdAt: what the watcher looks for. */
const oldestUnseen = (posts: Post[], sightings: Sightings) => () => {
  const unseen = posts.filter((p) => p.commentStatus === "published" && !sightings.firstSeen.has(p.commentId!));
  return unseen.length ? Math.min(...unseen.map((p) => p.createdAt!)) : undefined;
};

function rowsOf(ceiling: Row, samples: Sample[], seconds: number): ViralRows {
  const of = (...routes: Route[]) => samples.filter((s) => routes.includes(s.route));
  const read = { expect: [200], views: true };
  return {
    ceiling,
    list: rowOf("viral list page 1 (newest|popular, 20)", of("list"), seconds, read),
    next: rowOf("viral next page (nextCursor)", of("next"), seconds, read),
    counts: rowOf("viral counts (1 article)", of("counts"), seconds, read),
    views: rowOf("viral anonymous views, all", of("list", "next", "counts"), seconds, read),
    watch: rowOf("watcher (newest, 100; the bench's)", of("watch"), seconds, read),
    post: rowOf("writers' POST", of("post"), seconds, { expect: [201], views: false }),
  };
}

/**
 * Anonymous readers and the watcher on the hot article while the writers post to it, for
 * `options.seconds`; then the watcher alone, until every published post has been seen or
 * FINAL_POLL_S have passed, so a post from the load's last second is checked too.
 */
async function viralLoad(target: Target, options: ViralOptions, sessions: string[]) {
  const readers: Readers = { target, samples: [], sightings: new Sightings() };
  const posts: Post[] = [];
  const unseen = oldestUnseen(posts, readers.sightings);
  const since = Date.now();
  const deadline = performance.now() + options.seconds * 1000;
  const runId = crypto.randomUUID().slice(0, 8);
  const { seconds, cores } = await clocked(() =>
    Promise.all([
      runReaders(readers, options.readers, deadline),
      runWatcher(readers, deadline, unseen),
      runWriters({ target, sessions, everyMs: POST_EVERY_MS, runId, samples: readers.samples, posts }, deadline),
    ]),
  );
  // The tail's own looks are not part of the load: they go to a sample list nobody reads.
  await runWatcher({ ...readers, samples: [] }, performance.now() + FINAL_POLL_S * 1000, unseen, () => unseen() === undefined);
  return { samples: readers.samples, sightings: readers.sightings, posts, since, seconds, cores };
}

/**
 * The viral-article scenario (issue 12, item 5): anonymous readers hammering the hot article's
 * page 1 and count while a few writers post to it, between two halves of the static ceiling;
 * then the correctness tail: every published post seen by an anonymous reader within the
 * cache's bound, none lost, none doubled (the final listing read past the cache).
 *
 * @example
 * const viral = await runViral(target, { seconds: 15, readers: 32, writers: 3 }, console.log);
 */
export async function runViral(target: Target, options: ViralOptions, log: (line: string) => void): Promise<ViralReport> {
  const sessions = await signInWriters(target, options.writers);
  const { result: load, ...ceiling } = await aroundCeiling(target, options, () => viralLoad(target, options, sessions));
  const rows = rowsOf(ceiling.row, load.samples, load.seconds);
  log(
    `  viral: ${rows.views.requests} anonymous views and ${load.posts.length} posts in ${load.seconds.toFixed(1)} s; ceiling ${ceiling.row.requests} requests`,
  );

  const correctness = judge(load.posts, load.sightings, await finalListing(target, load.since));
  const checks = viralChecks(rows, correctness, options.writers);
  return {
    options: { ...options, postEveryMs: POST_EVERY_MS },
    rows: [rows.ceiling, rows.list, rows.next, rows.counts, rows.views, rows.watch, rows.post],
    ceilingBeforeAfter: ceiling.beforeAfter,
    clientCores: { ceiling: ceiling.cores, viral: load.cores },
    correctness,
    checks,
    ok: checks.every((c) => c.ok || !c.fatal),
  };
}
