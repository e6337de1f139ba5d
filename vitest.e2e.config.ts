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
    hookTimeout: 180_000,
  },
});
