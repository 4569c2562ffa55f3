import { getSchema } from "@tiptap/core";
import type { Schema } from "@tiptap/pm/model";
import { describe, expect, it } from "vitest";
import { documentSchema } from "../../plugins/docs/markdown/schema";
import { schemaExtensions } from "../../plugins/docs/web/schema-extensions";

/** Names, attributes, content and inline-ness: what decides whether the other side can build an element. */
function shape(schema: Schema) {
  const nodes = Object.fromEntries(
    Object.entries(schema.nodes).map(([name, type]) => [
      name,
      { attrs: Object.keys(type.spec.attrs ?? {}).sort(), content: type.spec.content ?? "", inline: Boolean(type.spec.inline), marks: type.spec.marks ?? null },
    ]),
  );
  const marks = Object.fromEntries(Object.entries(schema.marks).map(([name, type]) => [name, Object.keys(type.spec.attrs ?? {}).sort()]));
  return { nodes, marks };
}

// The server rebuilds the shared Y.XmlFragment with its own schema and drops what it cannot build, so the
// editor may add nothing: no node, mark or attribute of its own, no block where the server has an inline.
describe("the documents editor's schema", () => {
  it("is the server's, node for node, mark for mark and attribute for attribute", () => {
    const editor = getSchema(schemaExtensions({ docId: 1, taskLabel: () => "" }));
    expect(shape(editor)).toEqual(shape(documentSchema));
  });
});
