/**
 * `npm run worker-size`: the Worker as `wrangler deploy` would upload it (minified, built by
 * wrangler itself in dry-run mode), gzipped, against a budget. Every cold isolate parses this
 * bundle before answering, so it only grows on purpose. Part of `npm test`.
 *
 * @example
 * npm run worker-size
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const OUT = ".wrangler/worker-size";
const KB = 1024;
/** Today ~486 KB, of which the classifier's weights (base64 in a module) are the largest part. */
const BUDGET = 520 * KB;

rmSync(OUT, { recursive: true, force: true });
const built = spawnSync("npx", ["wrangler", "deploy", "--dry-run", "--minify", "--outdir", OUT], { encoding: "utf8" });
if (built.status !== 0) {
  console.error(built.stdout, built.stderr);
  process.exit(built.status ?? 1);
}
const bundle = readFileSync(`${OUT}/index.js`);
const gzipped = gzipSync(bundle).length;
const kb = (n: number) => `${(n / KB).toFixed(1)} KB`;
console.log(`worker bundle: ${kb(bundle.length)} minified, ${kb(gzipped)} gzipped (budget ${kb(BUDGET)})`);
mkdirSync("artifacts", { recursive: true });
writeFileSync("artifacts/worker-size.json", `${JSON.stringify({ bytes: bundle.length, gzipped, budget: BUDGET, ok: gzipped <= BUDGET }, null, 2)}\n`);
if (gzipped > BUDGET) {
  console.error(`worker bundle budget exceeded: ${kb(gzipped)} gzipped > ${kb(BUDGET)}`);
  process.exit(1);
}
