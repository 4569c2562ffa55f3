import type { Node } from "prosemirror-model";
import { updateYFragment, yXmlFragmentToProseMirrorRootNode } from "y-prosemirror";
import type * as Y from "yjs";
import { parseMarkdown } from "./parse";
import { documentSchema } from "./schema";
import { serializeMarkdown } from "./serialize";

/** Editors bind to this fragment name (Tiptap's Collaboration extension default). */
export const FRAGMENT = "default";

export function documentOf(doc: Y.Doc): Node {
  return yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(FRAGMENT), documentSchema);
}

export function markdownOf(doc: Y.Doc): string {
  return serializeMarkdown(documentOf(doc));
}

/**
 * Makes the live document say what `markdown` says by changing only what differs, so that a file
 * saved by a sync client merges with what people are typing instead of replacing it.
 */
export function mergeMarkdown(doc: Y.Doc, markdown: string, origin: unknown = "external"): void {
  const target = parseMarkdown(markdown);
  doc.transact(() => {
    updateYFragment(doc, doc.getXmlFragment(FRAGMENT), target, { mapping: new Map(), isOMark: new Map() });
  }, origin);
}
