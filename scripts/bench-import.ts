/**
 * `npm run bench:import`: generates a Disqus export (200,000 posts by default), starts
 * `wrangler dev` on a fresh local state, uploads the file through the admin API (in parts: it
 * is over 100 MB) and follows the import to its end through the IMPORTS queue, sampling the
 * memory of wrangler dev's processes. Prints comments/second and the peak memory; fails when
 * the import fails or its counts are not the generator's.
 *
 * @example
 * npm run bench:import
 * npm run bench:import -- --posts=20000
 * npm run bench:import -- --posts=50000 --again   # the same file twice: adds nothing, memory without database growth
 */
import { execFileSync } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { randomToken } from "../src/lib/crypto";
import { writeDisqusExport } from "./lib/disqusGenerator";
import { buildWorker, freePort, logTail, ROOT, startDev, wrangler } from "./lib/bench-wrangler";
import { uploadFile, waitForImport } from "./lib/importClient";

const DIR = ".wrangler/import-bench";
const STATE_DIR = `${DIR}/state`;

/** Resident memory (MB) of each workerd process in the group. */
function workerdMemory(groupId: number | undefined): number {
  if (groupId === undefined) return 0;
  try {
    const out = execFileSync("ps", ["-o", "rss=,comm=", "-g", String(groupId)], { encoding: "utf8" });
    return out
      .split("\n")
      .filter((line) => line.includes("workerd"))
      .reduce((sum, line) => sum + Number.parseInt(line.trim(), 10) / 1024, 0);
  } catch {
    return 0;
  }
}

/** Uploads the file, follows its import to the end, and prints time, rate and workerd's peak memory. */
async function runOnce(target: { baseUrl: string; adminToken: string; site: string }, file: string, groupId: number | undefined) {
  const uploadStart = Date.now();
  const id = await uploadFile(target, "disqus", file, undefined, console.log);
  const uploaded = Date.now();
  let peak = 0;
  let lastLog = 0;
  const last = await waitForImport(
    target,
    id,
    (s) => {
      peak = Math.max(peak, workerdMemory(groupId));
      if (Date.now() - lastLog > 10_000) {
        lastLog = Date.now();
        console.log(
          `${s.status} ${((100 * s.progress.bytesRead) / Math.max(1, s.progress.bytes)).toFixed(0)}% ${JSON.stringify(s.counts)} workerd ${peak.toFixed(0)} MB peak`,
        );
      }
    },
    2000,
  );
  const seconds = (Date.now() - uploaded) / 1000;
  console.log(`\nUpload: ${((uploaded - uploadStart) / 1000).toFixed(1)} s`);
  console.log(`Import ${last.status} in ${seconds.toFixed(0)} s: ${JSON.stringify(last.counts)}`);
  console.log(`${(last.counts.comments! / seconds).toFixed(0)} comments/second; workerd memory peak ${peak.toFixed(0)} MB`);
  for (const error of last.errors.slice(0, 5)) console.log(`  line ${error.line}: ${error.message}`);
  return last;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { posts: { type: "string", default: "200000" }, again: { type: "boolean", default: false } } });
  const posts = Number(values.posts);
  await rm(`${ROOT}${STATE_DIR}`, { recursive: true, force: true });
  await mkdir(`${ROOT}${DIR}`, { recursive: true });
  const file = `${ROOT}${DIR}/disqus-${posts}.xml`;
  const generated = await writeDisqusExport(file, posts);
  console.log(`Generated ${file}: ${generated.posts} posts in ${generated.threads} threads, ${(generated.bytes / 1e6).toFixed(1)} MB`);
  const config = await buildWorker(`${DIR}/build`);
  // Without the [build] step: an edit to the widget's sources during a run must not reload the Worker mid-import.
  await writeFile(config, (await readFile(config, "utf8")).replace(/^\[build\]\r?\n(?:(?!\[)[^\n]*\n)*/m, ""));
  await wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", STATE_DIR]);
  const port = await freePort(8899);
  const adminToken = randomToken(24);
  const dev = startDev({
    config,
    persistTo: `${ROOT}${STATE_DIR}`,
    logPath: `${ROOT}${DIR}/dev.log`,
    port,
    inspectorPort: await freePort(9429, [port]),
    vars: { ADMIN_TOKEN: adminToken, SECRETS_KEY: randomToken(32) },
  });
  try {
    await dev.ready;
    const site = "import-bench";
    const created = await fetch(`${dev.baseUrl}/api/v1/admin/sites`, {
      method: "POST",
      headers: { Authorization: `Bearer ${adminToken}`, "Content-Type": "application/json" },
      body: JSON.stringify({ id: site, name: "Import bench", origins: ["https://news.example"] }),
    });
    if (created.status !== 201) throw new Error(`site: ${created.status} ${await created.text()}`);
    const target = { baseUrl: dev.baseUrl, adminToken, site };
    const idle = workerdMemory(dev.groupId);
    console.log(`workerd memory idle: ${idle.toFixed(0)} MB`);
    const first = await runOnce(target, file, dev.groupId);
    const ok = first.status === "done" && first.counts.rejected === generated.spam;
    if (!ok) console.log(`Expected ${generated.spam} rejected`);
    // The same file again: nothing may be added, and the memory it takes shows what the Worker itself holds (the database does not grow).
    const again = values.again ? await runOnce(target, file, dev.groupId) : undefined;
    const addedNothing = !again || (again.status === "done" && again.counts.comments === 0 && again.counts.authors === 0 && again.counts.articles === 0);
    if (!addedNothing) console.log("The second import added rows");
    return ok && addedNothing ? 0 : 1;
  } catch (error) {
    console.log(await logTail(dev.logPath));
    throw error;
  } finally {
    await dev.stop();
  }
}

process.exit(await main());
