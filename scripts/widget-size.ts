/**
 * `npm run size`: the size budget of what a reader downloads for the widget — embed.js,
 * count.js, the frame page, the frame script of their language and frame.css — gzipped
 * (zlib's default level, as most servers use on the fly). Fails when all of it passes 15 KB
 * or count.js passes 1 KB. The moderators' dashboard is shown too, outside the budget.
 * Writes artifacts/widget-size.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { dashboardAssets } from "../src/dashboard/generated/assets";
import { frameHtml } from "../src/widget/frameHtml";
import { widgetAssets } from "../src/widget/generated/assets";

const KB = 1024;
const BUDGET = { total: 15 * KB, "count.js": 1 * KB };

// The frame page is rendered per site and article; a typical one is measured.
const page = frameHtml({
  site: "demo",
  siteName: "마지널리아 데모 뉴스",
  article: "2021-05-17-lg-ai",
  lang: "ko",
  origin: "https://news.example.co.kr",
  editWindowSeconds: 300,
});

const files: [string, string][] = [
  ["embed.js", widgetAssets["embed.js"].body],
  ["count.js", widgetAssets["count.js"].body],
  ["frame (html)", page],
  ["frame.ko.js", widgetAssets["frame.ko.js"].body],
  ["frame.en.js", widgetAssets["frame.en.js"].body],
  ["frame.css", widgetAssets["frame.css"].body],
];

const measure = ([name, body]: [string, string]) => ({ name, raw: Buffer.byteLength(body), gzip: gzipSync(body).length });
const rows = files.map(measure);
const dashboard = Object.entries(dashboardAssets).map(([name, asset]) => measure([name, asset.body]));
// A reader downloads the frame script of one language: the larger one counts.
const frameScripts = rows.filter((r) => /^frame\.\w+\.js$/.test(r.name));
const largestFrame = Math.max(...frameScripts.map((r) => r.gzip));
const total = rows.filter((r) => !frameScripts.includes(r)).reduce((sum, r) => sum + r.gzip, 0) + largestFrame;
const kb = (n: number) => `${(n / KB).toFixed(2)} KB`;

console.log(`${"file".padEnd(14)}${"raw".padStart(10)}${"gzip".padStart(10)}`);
for (const r of rows) console.log(`${r.name.padEnd(14)}${kb(r.raw).padStart(10)}${kb(r.gzip).padStart(10)}`);
console.log(`${"total".padEnd(14)}${"".padStart(10)}${kb(total).padStart(10)}   (budget ${kb(BUDGET.total)}; count.js ${kb(BUDGET["count.js"])})`);
for (const r of dashboard) console.log(`${r.name.padEnd(14)}${kb(r.raw).padStart(10)}${kb(r.gzip).padStart(10)}   (moderators only, not in the budget)`);

const countJs = rows.find((r) => r.name === "count.js")!.gzip;
const failures = [
  total > BUDGET.total && `all files ${kb(total)} gzipped > ${kb(BUDGET.total)}`,
  countJs > BUDGET["count.js"] && `count.js ${kb(countJs)} gzipped > ${kb(BUDGET["count.js"])}`,
].filter(Boolean);

mkdirSync("artifacts", { recursive: true });
writeFileSync("artifacts/widget-size.json", `${JSON.stringify({ rows, total, budget: BUDGET, ok: failures.length === 0, dashboard }, null, 2)}\n`);
if (failures.length) {
  console.error(`size budget exceeded: ${failures.join("; ")}`);
  process.exit(1);
}
console.log("size budget: ok");
