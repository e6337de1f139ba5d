import { copyFileSync, existsSync, readFileSync } from "node:fs";

/** Reads .dev.vars (creating it from .dev.vars.example on a fresh checkout). */
export function loadDevVars(path = ".dev.vars"): Record<string, string> {
  if (!existsSync(path)) {
    copyFileSync(".dev.vars.example", path);
    console.log(`Created ${path} from .dev.vars.example (demo values; never use them in production).`);
  }
  const vars: Record<string, string> = {};
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (match) vars[match[1]!] = match[2]!.replace(/^"(.*)"$/, "$1");
  }
  return vars;
}
