import { defineConfig } from "vitest/config";

/**
 * End-to-end tests of the reader widget in Debian's Chromium (playwright-core), in Node, against
 * `wrangler dev` started by the global setup. `npm run test:e2e`; screenshots go to artifacts/e2e/.
 */
export default defineConfig({
  test: {
    environment: "node",
    include: ["test/e2e/**/*.e2e.ts"],
    globalSetup: ["./test/e2e/setup/service.ts"],
    // One browser at a time: two cores, and a single wrangler dev behind every file.
    fileParallelism: false,
    testTimeout: 60_000,
    // A browser on a busy 2-core machine: what the page does in ~1 s (say, noticing a closed popup,
    // 400 ms polls + 600 ms grace) may take longer than expect.poll's default second.
    expect: { poll: { timeout: 5_000 } },
    hookTimeout: 180_000,
  },
});
