import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { disqusExport, type GeneratedExport } from "./disqusExport";

/** Writes `disqusExport(posts)` to `path`, streaming (never whole in memory); adds the file's size. */
export async function writeDisqusExport(path: string, posts: number): Promise<GeneratedExport & { bytes: number }> {
  const out = createWriteStream(path);
  let bytes = 0;
  const records = disqusExport(posts);
  for (;;) {
    const next = records.next();
    if (next.done) {
      out.end();
      await once(out, "finish");
      return { ...next.value, bytes };
    }
    bytes += Buffer.byteLength(next.value);
    if (!out.write(next.value)) await once(out, "drain");
  }
}
