/**
 * `npm run dev`: everything a fresh checkout needs to run locally — .dev.vars, local D1
 * migrations, the seeded demo site — then `wrangler dev` on http://localhost:8787.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { SignJWT } from "jose";
import { DEMO_ARTICLE, DEMO_SITE, demoSeedSql } from "./lib/demoSeed";
import { loadDevVars } from "./lib/devVars";

const PORT = process.env.PORT ?? "8787";

function wrangler(args: string[]) {
  const result = spawnSync("npx", ["wrangler", ...args], { stdio: "inherit", env: { ...process.env, CI: "true" } });
  if (result.status !== 0) throw new Error(`wrangler ${args.join(" ")} failed`);
}

const vars = loadDevVars();
wrangler(["d1", "migrations", "apply", "DB", "--local"]);

const origins = [`http://localhost:${PORT}`, `http://127.0.0.1:${PORT}`];
mkdirSync(".wrangler", { recursive: true });
writeFileSync(".wrangler/demo-seed.sql", await demoSeedSql(vars, origins));
wrangler(["d1", "execute", "DB", "--local", "--file", ".wrangler/demo-seed.sql"]);

/** A token as the demo site's backend would sign it (12 h, the longest SSO allows is 24 h). */
const signDemo = (claims: Record<string, string>) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256" })
    .setIssuedAt()
    .setJti(crypto.randomUUID())
    .setExpirationTime("12h")
    .sign(new TextEncoder().encode(vars.DEMO_SSO_SECRET));
const token = await signDemo({ sub: "demo-reader-1", name: "김독자" });
const moderatorToken = await signDemo({ sub: "demo-moderator", name: "데모 운영자", role: "moderator" });
console.log(`
Demo site '${DEMO_SITE}' is seeded. Try:
  curl http://localhost:${PORT}/api/v1/sites/${DEMO_SITE}/articles/${DEMO_ARTICLE}/comments
  curl -X POST http://localhost:${PORT}/api/v1/auth/sso -H 'Content-Type: application/json' \\
       -d '{"site":"${DEMO_SITE}","token":"${token}"}'
API docs: http://localhost:${PORT}/docs
Demo article with the comment widget: http://localhost:${PORT}/demo  (English widget: /demo?lang=en)
Moderator dashboard: http://localhost:${PORT}/moderate  (admin token: ADMIN_TOKEN in .dev.vars; English: ?lang=en)
  logged in as the demo moderator (the fragment hand-off a CMS would use; the /demo page has a button for it):
  http://localhost:${PORT}/moderate?site=${DEMO_SITE}#site=${DEMO_SITE}&sso=${moderatorToken}
`);

const dev = spawn("npx", ["wrangler", "dev", "--port", PORT, "--ip", "127.0.0.1"], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => dev.kill(signal));
dev.on("exit", (code) => process.exit(code ?? 0));
