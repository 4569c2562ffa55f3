import { commentCountsProperty } from "../comments/property-source";
import { systemTagsProperty } from "../tags/property-source";
import type { PropertySource } from "./property-source";

/** Every feature's extra DAV properties; one line per feature. */
export const PROPERTY_SOURCES: readonly PropertySource[] = [
  systemTagsProperty,
  commentCountsProperty,
];
