/**
 * `npm test`: the API tests in workerd, then the widget's end-to-end tests in Chromium, then the
 * widget's size budget and the Worker bundle's. Every step runs even when an earlier one fails
 * (CI reports all of them); the exit code is the first failure's. Vitest options are passed to
 * both vitest runs, and a JSON report path (`--outputFile.json=x.json`) becomes `x-e2e.json` for the second.
 *
 * @example
 * npm test
 * npm test -- --reporter=default --reporter=json --outputFile.json=artifacts/vitest.json
 */
import { spawnSync } from "node:child_process";

const args = process.argv.slice(2);
const e2eArgs = args.map((a) => a.replace(/^(--outputFile\.json=.+?)(\.json)?$/, (_, path: string, ext = "") => `${path}-e2e${ext}`));

const steps: [string, string[]][] = [
  ["API tests (workerd)", ["vitest", "run", ...args]],
  ["widget end-to-end tests (Chromium)", ["vitest", "run", "--config", "vitest.e2e.config.ts", ...e2eArgs]],
  ["widget size budget", ["tsx", "scripts/widget-size.ts"]],
  ["worker bundle and start-up budgets", ["tsx", "scripts/worker-size.ts"]],
];

let status = 0;
for (const [name, command] of steps) {
  console.log(`\n▶ ${name}: npx ${command.join(" ")}`);
  const result = spawnSync("npx", command, { stdio: "inherit" });
  const code = result.status ?? 1;
  if (code !== 0) console.error(`✖ ${name} failed (exit ${code})`);
  status ||= code;
}
process.exit(status);
