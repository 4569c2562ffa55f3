import { defineConfig } from "drizzle-kit";

// One migrations folder for the core and every plugin: plugins keep their tables in plugins/<id>/schema.ts.
export default defineConfig({
  dialect: "sqlite",
  schema: ["./schema/core.ts", "./plugins/*/schema.ts"],
  out: "./schema/migrations",
});
