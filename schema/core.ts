/** The core's tables. Plugin tables live in each plugin's folder and are gathered by drizzle.config.ts. */
export * from "./accounts";
export * from "./activity";
export * from "./auth";
export * from "./files";
export * from "./file-lifecycle";
export * from "./sharing";
