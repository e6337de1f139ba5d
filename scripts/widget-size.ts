/**
 * `npm run size`: the size budget of what a reader downloads for the widget — embed.js,
 * count.js, the frame page, the frame script of their language with the chunks it imports at
 * once, and frame.css — gzipped (zlib's default level, as most servers use on the fly). Fails
 * when that first load passes 15 KB, count.js 1 KB, or any chunk loaded on demand (`import()`:
 * dialogs, the account page, …) its own 6 KB. The moderators' dashboard is shown too, outside
 * the budget. Writes artifacts/widget-size.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { dashboardAssets } from "../src/dashboard/generated/assets";
import { frameHtml } from "../src/widget/frameHtml";
import { widgetAssets, widgetModules } from "../src/widget/generated/assets";

const KB = 1024;
const BUDGET = { total: 15 * KB, "count.js": 1 * KB, lazyChunk: 6 * KB };
const asset = (name: string) => (widgetAssets as Record<string, { body: string }>)[name]!.body;

// The frame page is rendered per site and article; a typical one is measured.
const page = frameHtml({
  site: "demo",
  siteName: "마지널리아 데모 뉴스",
  article: "2021-05-17-lg-ai",
  lang: "ko",
  origin: "https://news.example.co.kr",
  editWindowSeconds: 300,
  history: true,
  email: false,
});

const measure = ([name, body]: [string, string]) => ({ name, raw: Buffer.byteLength(body), gzip: gzipSync(body).length });
/** A frame script's first load: the entry and each chunk it imports at once, gzipped one by one (as served). */
const frameLoad = (name: "frame.ko.js" | "frame.en.js") => {
  const parts = [name, ...(widgetModules[name]?.imports ?? [])].map((file) => measure([file, asset(file)]));
  return { name: `${name} +${parts.length - 1}`, raw: parts.reduce((s, p) => s + p.raw, 0), gzip: parts.reduce((s, p) => s + p.gzip, 0) };
};

const rows = [
  measure(["embed.js", asset("embed.js")]),
  measure(["count.js", asset("count.js")]),
  measure(["frame (html)", page]),
  frameLoad("frame.ko.js"),
  frameLoad("frame.en.js"),
  measure(["frame.css", asset("frame.css")]),
];
const lazy = [...new Set(Object.values(widgetModules).flatMap((m) => m.lazy))].map((file) => measure([file, asset(file)]));
const dashboard = Object.entries(dashboardAssets).map(([name, built]) => measure([name, built.body]));
// A reader downloads the frame script of one language: the larger one counts.
const frameScripts = rows.filter((r) => /^frame\.\w+\.js/.test(r.name));
const largestFrame = Math.max(...frameScripts.map((r) => r.gzip));
const total = rows.filter((r) => !frameScripts.includes(r)).reduce((sum, r) => sum + r.gzip, 0) + largestFrame;
const kb = (n: number) => `${(n / KB).toFixed(2)} KB`;

console.log(`${"file".padEnd(14)}${"raw".padStart(10)}${"gzip".padStart(10)}`);
for (const r of rows) console.log(`${r.name.padEnd(14)}${kb(r.raw).padStart(10)}${kb(r.gzip).padStart(10)}`);
for (const r of lazy) console.log(`${r.name.padEnd(14)}${kb(r.raw).padStart(10)}${kb(r.gzip).padStart(10)}   (on demand; budget ${kb(BUDGET.lazyChunk)} each)`);
console.log(`${"total".padEnd(14)}${"".padStart(10)}${kb(total).padStart(10)}   (budget ${kb(BUDGET.total)}; count.js ${kb(BUDGET["count.js"])})`);
for (const r of dashboard) console.log(`${r.name.padEnd(14)}${kb(r.raw).padStart(10)}${kb(r.gzip).padStart(10)}   (moderators only, not in the budget)`);

const countJs = rows.find((r) => r.name === "count.js")!.gzip;
const failures = [
  total > BUDGET.total && `all files ${kb(total)} gzipped > ${kb(BUDGET.total)}`,
  countJs > BUDGET["count.js"] && `count.js ${kb(countJs)} gzipped > ${kb(BUDGET["count.js"])}`,
  ...lazy.filter((r) => r.gzip > BUDGET.lazyChunk).map((r) => `${r.name} ${kb(r.gzip)} gzipped > ${kb(BUDGET.lazyChunk)}`),
].filter(Boolean);

mkdirSync("artifacts", { recursive: true });
writeFileSync("artifacts/widget-size.json", `${JSON.stringify({ rows, lazy, total, budget: BUDGET, ok: failures.length === 0, dashboard }, null, 2)}\n`);
if (failures.length) {
  console.error(`size budget exceeded: ${failures.join("; ")}`);
  process.exit(1);
}
console.log("size budget: ok");
