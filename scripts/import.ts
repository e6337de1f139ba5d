/**
 * `npm run import`: uploads a Disqus or WordPress export to a Marginalia site and follows the
 * import to its end (files over 100 MB go up in parts).
 *
 * @example
 * MARGINALIA_ADMIN_TOKEN=… npm run import -- --site news --format disqus export.xml
 * npm run import -- --url https://comments.example.com --site news --format wxr --rule '/(\d+)/' wordpress.xml
 */
import { parseArgs } from "node:util";
import { uploadFile, waitForImport } from "./lib/importClient";

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: {
      site: { type: "string" },
      format: { type: "string" },
      rule: { type: "string" },
      url: { type: "string", default: process.env.MARGINALIA_URL ?? "http://localhost:8787" },
      token: { type: "string", default: process.env.MARGINALIA_ADMIN_TOKEN },
    },
    allowPositionals: true,
  });
  const [file] = positionals;
  if (!values.site || !values.format || !file || !values.token) {
    console.error("usage: MARGINALIA_ADMIN_TOKEN=… npm run import -- --site SITE --format disqus|wxr|marginalia [--rule REGEX] [--url URL] FILE");
    return 2;
  }
  const target = { baseUrl: values.url!, adminToken: values.token, site: values.site };
  const id = await uploadFile(target, values.format, file, values.rule, console.log);
  console.log(`import ${id} queued`);
  const last = await waitForImport(target, id, (s) => {
    const percent = s.progress.bytes ? Math.floor((100 * s.progress.bytesRead) / s.progress.bytes) : 0;
    console.log(`${s.status} ${percent}% ${JSON.stringify(s.counts)}`);
  });
  for (const error of last.errors) console.log(`  line ${error.line ?? "?"}${error.sourceId ? ` (${error.sourceId})` : ""}: ${error.message}`);
  return last.status === "done" ? 0 : 1;
}

process.exit(await main());
