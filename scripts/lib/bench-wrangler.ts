import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:net";

/** Project root: scripts/lib/ is two levels down. */
export const ROOT = decodeURIComponent(new URL("../../", import.meta.url).pathname);

// Never prompt (migrations ask for confirmation otherwise) and never phone home.
const wranglerEnv = () => ({ ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" });

/**
 * Runs `npx wrangler <args>` to completion and returns its output; fails with the output's tail
 * so a broken migration or seed is readable without rerunning by hand.
 *
 * @example
 * await wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", dir]);
 */
export function wrangler(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["wrangler", ...args], { cwd: ROOT, env: wranglerEnv(), stdio: ["pipe", "pipe", "pipe"] });
    let output = "";
    child.stdout?.on("data", (chunk) => (output += chunk.toString()));
    child.stderr?.on("data", (chunk) => (output += chunk.toString()));
    child.stdin?.end("y\n");
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`wrangler ${args.slice(0, 3).join(" ")} exited with ${code}:\n${output.slice(-3000)}`));
    });
  });
}

/**
 * Bundles the Worker once (`wrangler deploy --dry-run`: nothing is uploaded) next to a copy of
 * wrangler.toml pointing at the bundle, and returns that config's path. Serving the snapshot
 * from its own directory means that edits to src/, wrangler.toml or .dev.vars during a run
 * cannot make wrangler dev reload mid-measurement (dropping in-flight requests and mixing two
 * versions' numbers), and that the project's .dev.vars (read next to the config) stays out.
 */
export async function buildWorker(outdir: string): Promise<string> {
  await wrangler(["deploy", "--dry-run", "--outdir", outdir]);
  const config = (await readFile(`${ROOT}wrangler.toml`, "utf8"))
    .replace(/^name\s*=.*$/m, 'name = "marginalia-bench"')
    .replace(/^main\s*=.*$/m, 'main = "index.js"');
  const path = `${ROOT}${outdir}/wrangler.toml`;
  await writeFile(path, config);
  return path;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** The first free loopback port from `start`, so a bench can run next to `npm run dev`. */
export async function freePort(start: number, avoid: number[] = []): Promise<number> {
  for (let port = start; port < start + 100; port++) {
    if (!avoid.includes(port) && (await portIsFree(port))) return port;
  }
  throw new Error(`No free port in ${start}..${start + 99}`);
}

export interface DevServer {
  baseUrl: string;
  logPath: string;
  /** The process group of npx → wrangler → workerd (for memory samples). */
  groupId: number | undefined;
  /** Settles when the Worker answers, or fails with the log's tail. */
  ready: Promise<void>;
  stop(): Promise<void>;
}

export interface DevOptions {
  /** A config from `buildWorker`. */
  config: string;
  /** Absolute, as the config lives elsewhere than the working directory. */
  persistTo: string;
  logPath: string;
  vars: Record<string, string>;
  port: number;
  inspectorPort: number;
}

/**
 * Starts `wrangler dev` on the bundled Worker in its own process group (npx → wrangler →
 * workerd), so `stop()` ends the whole tree by the group's id. Returns at once so the caller
 * can arrange to stop it before waiting on `ready`.
 */
export function startDev(options: DevOptions): DevServer {
  const args = [
    "wrangler",
    "dev",
    "--config",
    options.config,
    "--no-bundle",
    "--ip",
    "127.0.0.1",
    "--port",
    String(options.port),
    "--inspector-port",
    String(options.inspectorPort),
    "--persist-to",
    options.persistTo,
    "--show-interactive-dev-session=false",
    ...Object.entries(options.vars).flatMap(([key, value]) => ["--var", `${key}:${value}`]),
  ];
  const log = openSync(options.logPath, "w");
  const child = spawn("npx", args, { cwd: ROOT, env: wranglerEnv(), detached: true, stdio: ["ignore", log, log] });
  closeSync(log);
  const baseUrl = `http://127.0.0.1:${options.port}`;
  return { baseUrl, logPath: options.logPath, groupId: child.pid, ready: waitUntilAnswering(baseUrl, options.logPath, child), stop: () => stopGroup(child) };
}

async function waitUntilAnswering(baseUrl: string, logPath: string, child: ChildProcess, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited early (${child.exitCode}):\n${await logTail(logPath)}`);
    try {
      const res = await fetch(`${baseUrl}/api/v1/openapi.json`);
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  throw new Error(`wrangler dev did not answer within ${timeoutMs / 1000} s:\n${await logTail(logPath)}`);
}

/** SIGTERM to the process group, then SIGKILL if it lingers; a group already gone is fine. */
async function stopGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  const running = child.exitCode === null && child.signalCode === null;
  const exited = running ? new Promise<void>((resolve) => child.once("exit", () => resolve())) : Promise.resolve();
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-pid, name);
    } catch {
      // ESRCH: nothing left in the group.
    }
  };
  signal("SIGTERM");
  await Promise.race([exited, sleep(5000)]);
  // workerd can outlive its parent for a moment: make sure no one in the group survives.
  signal("SIGKILL");
}

export async function logTail(path: string, chars = 3000): Promise<string> {
  try {
    return (await readFile(path, "utf8")).slice(-chars);
  } catch {
    return "(no log)";
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));
