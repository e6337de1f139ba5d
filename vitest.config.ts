import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

// Tests run inside workerd against a real local D1 with the real migrations applied.
export default defineConfig(async () => {
  const migrations = await readD1Migrations("./migrations");
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            ADMIN_TOKEN: "test-admin-token",
            SECRETS_KEY: "test-secrets-key-0123456789abcdef-0123",
            // The webhook receiver of the tests listens on loopback over http.
            DEV_WEBHOOK_HOSTS: "127.0.0.1",
            D1_METERING: "on",
            // Most tests read right after they write; test/edge/ turns the edge cache on.
            EDGE_CACHE: "off",
            DEV_ORIGINS: "http://dev.localhost:9999",
          },
        },
      }),
    ],
    test: {
      setupFiles: ["./test/setup/apply-migrations.ts"],
      globalSetup: ["./test/setup/webhook-receiver.ts", "./test/setup/social/index.ts"],
      include: ["test/**/*.test.ts"],
      // Each request runs real D1 statements; on a loaded 2-core CI machine the default 5 s is tight.
      testTimeout: 15_000,
    },
  };
});
