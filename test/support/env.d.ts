// Types for `cloudflare:workers` inside tests: the Worker's bindings, plus the migrations vitest.config.ts passes in.
declare namespace Cloudflare {
  interface Env {
    DB: D1Database;
    FILES: R2Bucket;
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
  }
  interface Exports {
    default: Fetcher;
  }
}
