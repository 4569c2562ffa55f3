import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

// Each test file starts from the real migrations, exactly as `npm start` applies them.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
