/** Types for wrangler-env.mjs, which the benches import from TypeScript. */
export declare const wranglerEnv: NodeJS.ProcessEnv;
export declare const wranglerBin: string;
