import { commentCountsProperty } from "../comments/property-source";
import { favoriteProperty } from "../favorites/property-source";
import { richWorkspaceProperty } from "../rich-workspace/property-source";
import { shareTypesProperty } from "../sharing/share-types-property";
import { systemTagsProperty } from "../tags/property-source";
import type { PropertySource } from "./property-source";

/** Every feature's extra DAV properties; one line per feature. */
export const PROPERTY_SOURCES: readonly PropertySource[] = [
  systemTagsProperty,
  commentCountsProperty,
  favoriteProperty,
  richWorkspaceProperty,
  shareTypesProperty,
];
