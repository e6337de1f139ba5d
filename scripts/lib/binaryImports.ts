/**
 * Node's side of wrangler's Data rule (wrangler.toml `[[rules]]`): after this module is imported,
 * `import bytes from "./x.bin"` gives the file's bytes as an ArrayBuffer, as it does in workerd,
 * so scripts run the Worker's own classifier code. Static imports are all loaded before any of
 * them runs, so import this first and the code that reaches a `.bin` with `await import(...)`.
 *
 * @example
 * import "./lib/binaryImports";
 * const { score } = await import("../src/moderation/classifier");
 */
import { register, type LoadHook } from "node:module";
import { isMainThread } from "node:worker_threads";

/**
 * The loader hook itself; Node runs it in its own hooks thread, where this same module is loaded
 * again (hence the `isMainThread` guard below).
 * @public
 */
export const load: LoadHook = (url, context, nextLoad) => {
  if (!new URL(url).pathname.endsWith(".bin")) return nextLoad(url, context);
  const source = [
    'import { readFileSync } from "node:fs";',
    `const bytes = readFileSync(new URL(${JSON.stringify(url)}));`,
    "export default bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);",
  ].join("\n");
  return { format: "module", source, shortCircuit: true };
};

if (isMainThread) register(import.meta.url);
