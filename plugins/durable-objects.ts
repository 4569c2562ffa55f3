// Every plugin's Durable Object classes, re-exported so that workers/index.ts can hand them to the runtime.
export { DocsRoom } from "./docs/room";
