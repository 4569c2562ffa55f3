import type { Env } from "../env";

/** What the core tells plugins about a file. Ids are the file tree's node ids. */
export interface FileEventNode {
  id: number;
  path: string;
  name: string;
  mime: string;
  size: number;
  etag: string;
}

interface EventBase {
  env: Env;
  /** The user who acted, when there is one (public links act without an account). */
  actorId: string | null;
  waitUntil: (promise: Promise<unknown>) => void;
}

export interface CoreEvents {
  /** `copiedFromId`: the file it is a copy of, when it is one. */
  fileCreated: EventBase & { node: FileEventNode; copiedFromId?: number };
  fileChanged: EventBase & { node: FileEventNode; previousEtag: string };
  /** `fromParentId`: the folder it left (the same as its parent now for a rename). */
  fileMoved: EventBase & { node: FileEventNode; fromPath: string; fromParentId: number };
  fileDeleted: EventBase & { node: FileEventNode };
  /**
   * An item of a trash deleted for good (purged, or the trash emptied), after its fileDeleted. `node.path`
   * is where it was deleted from; `fromParentId` is that folder, `ownerId` the trash it was in.
   */
  filePurged: EventBase & { node: FileEventNode; ownerId: string; fromParentId: number | null };
  fileShared: EventBase & { node: FileEventNode; shareId: number; shareType: number; shareWith: string | null };
}

export type CoreEventName = keyof CoreEvents;

export type HookHandlers = { [E in CoreEventName]?: (payload: CoreEvents[E]) => Promise<void> | void };

export interface HookSubscriber {
  pluginId: string;
  priority: number;
  hooks: HookHandlers;
}

/**
 * Runs every plugin's handler for an event that already happened, in priority order (lower first).
 * A failing plugin is logged and skipped: a file the user saved stays saved whatever a plugin thinks.
 */
export async function runHooks<E extends CoreEventName>(
  subscribers: readonly HookSubscriber[],
  event: E,
  payload: CoreEvents[E],
): Promise<void> {
  for (const { pluginId, hooks } of subscribers) {
    const handler = hooks[event] as ((p: CoreEvents[E]) => Promise<void> | void) | undefined;
    if (!handler) continue;
    try {
      await handler(payload);
    } catch (error) {
      console.error(`[${pluginId}] ${event} hook failed`, error);
    }
  }
}
