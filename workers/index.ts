import { plugins } from "../plugins";
import { createApp } from "./app";

const app = createApp(plugins);

export default app;

// The runtime finds Durable Object classes among the entry module's exports.
export * from "../plugins/durable-objects";
