/**
 * Global setup of the end-to-end suite: the Worker bundled once and served by `wrangler dev`
 * on a free loopback port with its own D1 (.wrangler/e2e-state, migrations applied), a news
 * site on another origin that embeds the widget, the sites the tests use, created through
 * the admin API, and social login providers (./socialProviders.ts) enabled on the main one. Everything is stopped (by process group) when the suite ends.
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import type { TestProject } from "vitest/node";
import { randomToken } from "../../../src/lib/crypto";
import { buildWorker, freePort, logTail, ROOT, startDev, wrangler } from "../../../scripts/lib/bench-wrangler";
import { startHostServer, type HostSite } from "../hostServer";
import { startSocialProviders, type SocialProviders } from "./socialProviders";

/** E2E_RUN lets two suites run side by side (say, in two checkouts' worth of work) without sharing a D1. */
const RUN = process.env.E2E_RUN ? `-${process.env.E2E_RUN.replace(/[^\w-]/g, "")}` : "";
const STATE_DIR = `.wrangler/e2e-state${RUN}`;
const BUILD_DIR = `.wrangler/e2e-build${RUN}`;
const DEV_LOG = `.wrangler/e2e-dev${RUN}.log`;

/** Posting limits out of the way (one reader posts many comments in seconds), words to trip moderation. */
const SETTINGS = { minIntervalSeconds: 0, dailyLimit: 10_000, perArticleDailyLimit: 10_000, bannedWords: ["forbiddenword"], suspectWords: ["suspiciousword"] };

declare module "vitest" {
  export interface ProvidedContext {
    service: string;
    host: string;
    sameSiteHost: string;
    adminToken: string;
    sites: Record<"main" | "strict", HostSite>;
    /** The local OpenID provider and Naver stand-in; Kakao and Naver are enabled on the main site. */
    social: SocialProviders;
  }
}

/** The bundle's config, minus the [build] step: the snapshot is already built. */
async function snapshotConfig(): Promise<string> {
  const config = await buildWorker(BUILD_DIR);
  const text = await readFile(config, "utf8");
  // The [build] table runs to the next table header (its values may hold brackets: watch_dir = [...]).
  await writeFile(config, text.replace(/^\[build\]\r?\n(?:(?!\[)[^\n]*\n)*/m, ""));
  return config;
}

async function freshDatabase(): Promise<void> {
  await rm(`${ROOT}${STATE_DIR}`, { recursive: true, force: true });
  await mkdir(`${ROOT}${STATE_DIR}`, { recursive: true });
  await wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", STATE_DIR]);
}

async function createSite(service: string, adminToken: string, id: string, origins: string[], settings: Record<string, unknown>): Promise<HostSite> {
  const res = await fetch(`${service}/api/v1/admin/sites`, {
    method: "POST",
    headers: { Authorization: `Bearer ${adminToken}`, "Content-Type": "application/json" },
    body: JSON.stringify({ id, name: id === "e2e" ? "E2E 뉴스" : "Strict News", origins, settings }),
  });
  const body = (await res.json()) as { ssoSecret?: string };
  if (res.status !== 201 || !body.ssoSecret) throw new Error(`creating site ${id}: ${res.status} ${JSON.stringify(body)}`);
  return { id, secret: body.ssoSecret };
}

export default async function setup(project: TestProject) {
  const started = Date.now();
  const [config] = await Promise.all([snapshotConfig(), freshDatabase()]);
  const adminToken = randomToken(24);
  const port = await freePort(8830);
  const dev = startDev({
    config,
    persistTo: `${ROOT}${STATE_DIR}`,
    logPath: `${ROOT}${DEV_LOG}`,
    port,
    inspectorPort: await freePort(9350, [port]),
    // One client makes many writes a second; the IP burst limit is not what these tests check.
    vars: { ADMIN_TOKEN: adminToken, SECRETS_KEY: randomToken(32), BURST_LIMITS: "off", DEV_ORIGINS: "" },
  });
  const hostSites: HostSite[] = [];
  let host: Awaited<ReturnType<typeof startHostServer>> | undefined;
  let social: Awaited<ReturnType<typeof startSocialProviders>> | undefined;
  try {
    await dev.ready;
    host = await startHostServer(dev.baseUrl, hostSites);
    const origins = [host.origin, host.sameSiteOrigin];
    const main = await createSite(dev.baseUrl, adminToken, "e2e", origins, SETTINGS);
    const strict = await createSite(dev.baseUrl, adminToken, "e2e-strict", origins, { ...SETTINGS, minIntervalSeconds: 120 });
    hostSites.push(main, strict);
    social = await startSocialProviders(dev.baseUrl, adminToken, main.id);
    project.provide("service", dev.baseUrl);
    project.provide("host", host.origin);
    project.provide("sameSiteHost", host.sameSiteOrigin);
    project.provide("adminToken", adminToken);
    project.provide("sites", { main, strict });
    project.provide("social", social.provided);
    console.log(`e2e: wrangler dev on ${dev.baseUrl}, host site on ${host.origin} (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (error) {
    console.error(`wrangler dev log tail:\n${await logTail(dev.logPath)}`);
    await host?.close();
    await social?.close();
    await dev.stop();
    throw error;
  }
  return async () => {
    await host?.close();
    await social?.close();
    await dev.stop();
  };
}
