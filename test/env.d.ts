// Types for `cloudflare:workers` inside tests: the Worker's bindings plus the migrations
// the test config injects, and the main module behind `exports.default`.
type WorkerEnv = import("../src/env").Env;
type TestMigration = import("cloudflare:test").D1Migration;

declare namespace Cloudflare {
  interface Env extends WorkerEnv {
    TEST_MIGRATIONS: TestMigration[];
  }
  interface GlobalProps {
    mainModule: typeof import("../src/index");
  }
}
