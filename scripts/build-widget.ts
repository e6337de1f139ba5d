/**
 * `npm run build:widget`: bundles the reader widget (src/widget/client) and the moderator
 * dashboard (src/dashboard/client) with esbuild into a module of strings each area serves
 * (git-ignored): src/widget/generated/assets.ts and src/dashboard/generated/assets.ts. One
 * artifact — the Worker bundle — then works the same under `wrangler dev`, in vitest's workerd
 * and after `wrangler deploy`. Run by wrangler's [build] step, `pretest` and `pretypecheck`.
 *
 * The frame script is an ES module split in chunks: what the first render needs (the entry and
 * the chunk it imports statically) and what loads on demand through `import()` (dialogs, the
 * account page, …), each in its language. The generated module lists, per frame entry, its
 * static imports (the frame page preloads them) and its lazy chunks (scripts/widget-size.ts
 * checks each against its own budget). Chunk names carry their content hash.
 *
 * @example
 * npm run build:widget
 */
import { build, type BuildOptions, type Plugin } from "esbuild";
import { createHash } from "node:crypto";
import { dirname, relative } from "node:path";
import { mkdir, writeFile } from "node:fs/promises";
import type { BuiltAsset } from "../src/assets/serveAsset";
import { panelWords } from "../src/widget/client/frame/panelWords";
import { words } from "../src/widget/client/frame/words";

const ROOT = decodeURIComponent(new URL("../", import.meta.url).pathname);
const CLIENT = `${ROOT}src/widget/client`;
const DASHBOARD = `${ROOT}src/dashboard/client`;

type Lang = "ko" | "en";
interface Entry {
  path: string;
  /** The frame is built once per language, with only that language's words. */
  lang?: Lang;
  /** An ES module split in chunks (static ones for the first load, `import()` ones on demand), instead of one IIFE. */
  split?: true;
}

/** What a split entry loads: statically (with it, on first load) and through `import()` (on demand), closures included. */
export interface ModuleGraph {
  imports: string[];
  lazy: string[];
}

/** A generated module: where it goes, what it exports, and its served files → entry points. */
interface Output {
  path: string;
  exportName: string;
  typeName: string;
  /** Scripts are self-contained IIFEs: no modules, no imports at run time. */
  entries: Record<string, string | Entry>;
}

const outputs: Output[] = [
  {
    path: "src/widget/generated/assets.ts",
    exportName: "widgetAssets",
    typeName: "WidgetAssetName",
    entries: {
      "embed.js": `${CLIENT}/embed.ts`,
      "count.js": `${CLIENT}/count.ts`,
      "frame.ko.js": { path: `${CLIENT}/frame/main.ts`, lang: "ko", split: true },
      "frame.en.js": { path: `${CLIENT}/frame/main.ts`, lang: "en", split: true },
      "frame.css": `${CLIENT}/frame.css`,
    },
  },
  {
    // The moderators' page (/moderate): not part of the reader's size budget.
    path: "src/dashboard/generated/assets.ts",
    exportName: "dashboardAssets",
    typeName: "DashboardAssetName",
    entries: {
      "dashboard.js": `${DASHBOARD}/main.ts`,
      "dashboard.css": `${DASHBOARD}/dashboard.css`,
    },
  },
];

const types = { js: "text/javascript; charset=utf-8", css: "text/css; charset=utf-8" };

const common: BuildOptions = {
  bundle: true,
  minify: true,
  write: false,
  // Korean strings as UTF-8, not \uXXXX escapes: a third of the bytes.
  charset: "utf8",
  legalComments: "none",
  target: ["chrome100", "safari15", "firefox100"],
  logLevel: "warning",
};

/** The words modules (pairs of Korean and English): the first load's, and the on-demand panels'. */
const wordModules: Record<string, Record<string, readonly [string, string]>> = { words, panelWords };

/**
 * Replaces each words module with one language's side of every pair: a reader downloads the
 * words of their language only (about a third less of frame.js, gzipped).
 */
function onlyLanguage(lang: Lang): Plugin {
  const side = lang === "en" ? 1 : 0;
  const picked = (name: string) => Object.fromEntries(Object.entries(wordModules[name]!).map(([key, pair]) => [key, pair[side]]));
  return {
    name: `words-${lang}`,
    setup(b) {
      b.onLoad({ filter: /[\\/]frame[\\/](words|panelWords)\.ts$/ }, (args) => {
        const name = args.path.match(/(\w+)\.ts$/)![1]!;
        return { contents: `export const ${name} = ${JSON.stringify(picked(name))};`, loader: "js" };
      });
    },
  };
}

async function bundle(entry: string | Entry): Promise<string> {
  const { path, lang } = typeof entry === "string" ? { path: entry, lang: undefined } : entry;
  const result = await build({
    ...common,
    entryPoints: [path],
    format: path.endsWith(".css") ? undefined : "iife",
    plugins: lang ? [onlyLanguage(lang)] : [],
  });
  return result.outputFiles![0]!.text.trim();
}

/** A split entry: its files by name (the entry as `name`, chunks as `<module>.<lang>-<hash>.js`) and its module graph. */
async function bundleSplit(name: string, entry: Entry) {
  const OUT = "/out";
  const result = await build({
    ...common,
    entryPoints: { [name.replace(/\.js$/, "")]: entry.path },
    format: "esm",
    splitting: true,
    outdir: OUT,
    entryNames: "[name]",
    chunkNames: `[name].${entry.lang ?? "x"}-[hash]`,
    metafile: true,
    plugins: entry.lang ? [onlyLanguage(entry.lang)] : [],
  });
  const base = (path: string) => path.slice(path.lastIndexOf("/") + 1);
  const files = Object.fromEntries(result.outputFiles!.map((f) => [base(f.path), f.text.trim()]));
  const outputs = Object.fromEntries(Object.entries(result.metafile!.outputs).map(([path, out]) => [base(path), out.imports]));
  const closure = (from: string, kind: "import-statement" | "dynamic-import", seen = new Set<string>()): Set<string> => {
    for (const i of outputs[from] ?? []) {
      if (i.kind !== kind || seen.has(base(i.path))) continue;
      seen.add(base(i.path));
      closure(base(i.path), "import-statement", seen);
    }
    return seen;
  };
  const imports = [...closure(name, "import-statement")];
  const lazy = Object.keys(files).filter((f) => f !== name && !imports.includes(f));
  return { files, graph: { imports, lazy } satisfies ModuleGraph };
}

const sizes: string[] = [];
for (const output of outputs) {
  const built: Record<string, BuiltAsset> = {};
  const graphs: Record<string, ModuleGraph> = {};
  const keep = (name: string, body: string) => {
    built[name] = { body, hash: createHash("sha256").update(body).digest("hex").slice(0, 12), type: name.endsWith(".css") ? types.css : types.js };
    sizes.push(`${name} ${body.length} B`);
  };
  for (const [name, entry] of Object.entries(output.entries)) {
    if (typeof entry !== "string" && entry.split) {
      const { files, graph } = await bundleSplit(name, entry);
      for (const [file, body] of Object.entries(files)) keep(file, body);
      graphs[name] = graph;
    } else keep(name, await bundle(entry));
  }
  const file = `${ROOT}${output.path}`;
  const serveAsset = relative(dirname(file), `${ROOT}src/assets/serveAsset`);
  const source = `// Generated by scripts/build-widget.ts: do not edit (npm run build:widget).
import type { BuiltAsset } from "${serveAsset}";

export type ${output.typeName} = ${Object.keys(built)
    .map((n) => JSON.stringify(n))
    .join(" | ")};

export const ${output.exportName}: Record<${output.typeName}, BuiltAsset> = ${JSON.stringify(built, null, 2)};
${
  Object.keys(graphs).length === 0
    ? ""
    : `
/** Per split entry: the chunks it imports statically (first load) and those it loads on demand. */
export const ${output.exportName.replace(/Assets$/, "Modules")}: Record<string, { imports: string[]; lazy: string[] }> = ${JSON.stringify(graphs, null, 2)};
`
}`;
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, source);
}
console.log(`widget: ${sizes.join(", ")}`);
