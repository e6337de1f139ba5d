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
 */
import { execFileSync } from "node:child_process";
import { mkdir, rm } from "node:fs/promises";
import { parseArgs } from "node:util";
import { randomToken } from "../src/lib/crypto";
import { writeDisqusExport } from "./lib/disqusGenerator";
import { buildWorker, freePort, logTail, ROOT, sleep, startDev, wrangler } from "./lib/bench-wrangler";
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

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { posts: { type: "string", default: "200000" } } });
  const posts = Number(values.posts);
  await rm(`${ROOT}${STATE_DIR}`, { recursive: true, force: true });
  await mkdir(`${ROOT}${DIR}`, { recursive: true });
  const file = `${ROOT}${DIR}/disqus-${posts}.xml`;
  const generated = await writeDisqusExport(file, posts);
  console.log(`Generated ${file}: ${generated.posts} posts in ${generated.threads} threads, ${(generated.bytes / 1e6).toFixed(1)} MB`);
  const config = await buildWorker(`${DIR}/build`);
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
    const uploadStart = Date.now();
    const id = await uploadFile(target, "disqus", file, undefined, console.log);
    const uploaded = Date.now();
    let peak = idle;
    let lastLog = 0;
    const last = await waitForImport(
      target,
      id,
      (s) => {
        peak = Math.max(peak, workerdMemory(dev.groupId));
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
    console.log(`${(last.counts.comments! / seconds).toFixed(0)} comments/second; workerd memory ${idle.toFixed(0)} MB idle, ${peak.toFixed(0)} MB peak`);
    for (const error of last.errors.slice(0, 5)) console.log(`  line ${error.line}: ${error.message}`);
    const placeholdersKept = generated.comments - last.counts.comments!;
    const ok = last.status === "done" && last.counts.rejected === generated.spam && placeholdersKept === 0;
    if (!ok) console.log(`Expected ${generated.comments} comments and ${generated.spam} rejected`);
    await sleep(0);
    return ok ? 0 : 1;
  } catch (error) {
    console.log(await logTail(dev.logPath));
    throw error;
  } finally {
    await dev.stop();
  }
}

process.exit(await main());
