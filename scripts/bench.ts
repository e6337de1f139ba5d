/**
 * `npm run bench`: seeds a local D1 with a 10,000-comment article, starts `wrangler dev` with
 * D1 metering on, and measures what each endpoint costs in D1 rows and how fast it answers.
 * Then the viral-article scenario (scripts/lib/bench-viral.ts): anonymous readers of one hot
 * article while a few writers post to it, against the static /embed.js ceiling.
 * Fails (exit 1) when a list page is not O(page), a count not O(articles), or a viral post is
 * lost, doubled or seen late, or anything answers 5xx.
 *
 * @example
 * npm run bench
 * npm run bench -- --requests=100 --concurrency=4 --max-seconds=20 --max-list-rows=200
 * npm run bench -- --viral-seconds=20 --viral-readers=32 --viral-writers=3   # --viral-seconds=0 skips it
 *
 * Everything lives in .wrangler/bench-state (deleted first), so a run never touches the
 * `npm run dev` database; the table also goes to artifacts/bench.json.
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import { randomToken } from "../src/lib/crypto";
import { formatChecks, formatTable, MAX_COUNT_ROWS_PER_ARTICLE, MAX_LIST_ROWS, runChecks } from "./lib/bench-report";
import { DEEP_PAGE, login, measureAll, PAGE_1, SMALL_PAGE_1, type Target } from "./lib/bench-scenarios";
import { buildSeed } from "./lib/bench-seed";
import { runViral, type ViralReport } from "./lib/bench-viral";
import { formatViralChecks, formatViralTable } from "./lib/bench-viral-report";
import { buildWorker, freePort, logTail, ROOT, startDev, wrangler, type DevServer } from "./lib/bench-wrangler";

const STATE_DIR = ".wrangler/bench-state";
const SEED_SQL = ".wrangler/bench-seed.sql";
const DEV_LOG = ".wrangler/bench-dev.log";
const BUILD_DIR = ".wrangler/bench-build";
const REPORT = "artifacts/bench.json";

/** `--name=value` integer flags with defaults; anything unknown is refused so typos show. */
function options() {
  const defaults = {
    requests: 300,
    concurrency: 8,
    "max-seconds": 10,
    comments: 10_000,
    replies: 1_000,
    "max-list-rows": MAX_LIST_ROWS,
    "max-count-rows": MAX_COUNT_ROWS_PER_ARTICLE,
    "viral-seconds": 15,
    "viral-readers": 32,
    "viral-writers": 3,
  };
  const parsed = { ...defaults };
  for (const arg of process.argv.slice(2)) {
    const match = /^--([a-z-]+)=(\d+)$/.exec(arg);
    if (!match || !(match[1]! in defaults)) throw new Error(`Unknown option ${arg}; expected --${Object.keys(defaults).join("=N, --")}=N`);
    parsed[match[1] as keyof typeof defaults] = Number(match[2]);
  }
  return parsed;
}

const log = (line: string) => console.log(line);
const elapsed = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

async function seedDatabase(opts: ReturnType<typeof options>, secretsKey: string) {
  const t0 = Date.now();
  await rm(`${ROOT}${STATE_DIR}`, { recursive: true, force: true });
  await mkdir(`${ROOT}${STATE_DIR}`, { recursive: true });
  await wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", STATE_DIR]);
  const { sql, fixture } = await buildSeed({ secretsKey, ssoSecret: randomToken(32), comments: opts.comments, replies: opts.replies });
  await writeFile(`${ROOT}${SEED_SQL}`, sql);
  await wrangler(["d1", "execute", "DB", "--local", "--persist-to", STATE_DIR, "--file", SEED_SQL, "--yes"]);
  const t = fixture.totals;
  log(`Seeded ${t.comments} comments (${t.replies} replies), ${t.reactions} reactions, ${t.users} users in ${elapsed(t0)}`);
  return fixture;
}

async function main(): Promise<number> {
  const opts = options();
  // Fresh secrets each run: they exist only in this run's wrangler dev and seeded site.
  const secretsKey = randomToken(32);
  // Bundling and seeding are independent; together they are most of the setup time.
  const [config, fixture] = await bothSettled(buildWorker(BUILD_DIR), seedDatabase(opts, secretsKey));

  const port = await freePort(8799);
  const adminToken = randomToken(24);
  const dev = startDev({
    config,
    persistTo: `${ROOT}${STATE_DIR}`,
    logPath: `${ROOT}${DEV_LOG}`,
    port,
    inspectorPort: await freePort(9329, [port]),
    // BURST_LIMITS=off: one client sends hundreds of writes a second, which the IP burst limit would refuse.
    vars: { D1_METERING: "on", BURST_LIMITS: "off", ADMIN_TOKEN: adminToken, SECRETS_KEY: secretsKey },
  });
  stopOnSignals(dev);
  try {
    await dev.ready;
    log(`wrangler dev answers on ${dev.baseUrl} (log: ${DEV_LOG})`);
    const target: Target = {
      baseUrl: dev.baseUrl,
      adminToken,
      fixture,
      load: { requests: opts.requests, concurrency: opts.concurrency, maxSeconds: opts["max-seconds"] },
    };
    const session = await login(target);
    const t0 = Date.now();
    const measurements = await measureAll(target, session, log);
    log(`Measured in ${elapsed(t0)}\n`);

    // A deep page and a huge thread's page must cost what page 1 of a small thread costs.
    const checks = runChecks(
      measurements,
      [
        [DEEP_PAGE, PAGE_1],
        [PAGE_1, SMALL_PAGE_1],
      ],
      {
        listRows: opts["max-list-rows"],
        countRowsPerArticle: opts["max-count-rows"],
      },
    );
    log(formatTable(measurements));
    log(`\n${formatChecks(checks)}`);

    const viral = opts["viral-seconds"] > 0 ? await viralScenario(target, opts) : undefined;
    await mkdir(`${ROOT}artifacts`, { recursive: true });
    const ok = checks.every((c) => c.ok) && (viral?.ok ?? true);
    const report = { date: new Date().toISOString(), options: opts, seeded: fixture.totals, measurements, checks, viral, ok };
    await writeFile(`${ROOT}${REPORT}`, `${JSON.stringify(report, null, 2)}\n`);
    log(`\nWrote ${REPORT}`);
    return report.ok ? 0 : 1;
  } catch (error) {
    log(`wrangler dev log tail:\n${await logTail(dev.logPath)}`);
    throw error;
  } finally {
    await dev.stop();
  }
}

async function viralScenario(target: Target, opts: ReturnType<typeof options>): Promise<ViralReport> {
  const viralOptions = { seconds: opts["viral-seconds"], readers: opts["viral-readers"], writers: opts["viral-writers"] };
  log(
    `\nViral article: ${viralOptions.readers} anonymous readers and ${viralOptions.writers} writers for ${viralOptions.seconds} s, between two halves of the ceiling`,
  );
  const viral = await runViral(target, viralOptions, log);
  const c = viral.correctness;
  log(`\n${formatViralTable(viral.rows)}`);
  const [before, after] = viral.ceilingBeforeAfter.map((r) => r.toFixed(0));
  log(
    `\nCeiling ${before} req/s before the load, ${after} after; the bench's client used ${viral.clientCores.ceiling.toFixed(2)} cores in the ceiling, ${viral.clientCores.viral.toFixed(2)} in the load`,
  );
  log(
    `Posts: ${c.accepted} published, ${c.held} held, refused ${JSON.stringify(c.refused)}, ${c.unanswered} unanswered; ${c.visible} seen by anonymous readers`,
  );
  log(`\n${formatViralChecks(viral.checks)}`);
  return viral;
}

/** Both results; on a failure, only after the other has finished, so no wrangler is left running. */
async function bothSettled<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [ra, rb] = await Promise.allSettled([a, b]);
  if (ra.status === "rejected") throw ra.reason;
  if (rb.status === "rejected") throw rb.reason;
  return [ra.value, rb.value];
}

/** Ctrl-C must not leave wrangler dev (and workerd) running in the background. */
function stopOnSignals(dev: DevServer) {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => void dev.stop().finally(() => process.exit(130)));
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // fetch's "fetch failed" hides the reason (refused, reset...) in `cause`.
    console.error(error instanceof Error ? (error.stack ?? error.message) : error, error instanceof Error && error.cause ? error.cause : "");
    process.exit(2);
  },
);
