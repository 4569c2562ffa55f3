import { MarkdownSerializer, type MarkdownSerializerState } from "prosemirror-markdown";
import type { Node } from "prosemirror-model";

/** A table cell's text on one line: pipes escaped, paragraphs joined by <br>. */
function cellText(cell: Node): string {
  const parts: string[] = [];
  cell.forEach((block) => parts.push(serializer.serialize(block).replace(/\n+/g, " ").trim()));
  return parts.join("<br>").replace(/\|/g, "\\|");
}

function table(state: MarkdownSerializerState, node: Node) {
  const rows: string[][] = [];
  node.forEach((row) => {
    const cells: string[] = [];
    row.forEach((cell) => cells.push(cellText(cell)));
    rows.push(cells);
  });
  const width = Math.max(...rows.map((r) => r.length));
  const line = (cells: string[]) => `| ${Array.from({ length: width }, (_, i) => cells[i] ?? "").join(" | ")} |`;
  state.write(line(rows[0] ?? []));
  state.ensureNewLine();
  state.write(`| ${Array.from({ length: width }, () => "---").join(" | ")} |`);
  for (const row of rows.slice(1)) {
    state.ensureNewLine();
    state.write(line(row));
  }
  state.closeBlock(node);
}

const serializer: MarkdownSerializer = new MarkdownSerializer(
  {
    doc: (state, node) => state.renderContent(node),
    paragraph: (state, node) => {
      state.renderInline(node);
      state.closeBlock(node);
    },
    heading: (state, node) => {
      state.write(`${"#".repeat(node.attrs.level as number)} `);
      state.renderInline(node);
      state.closeBlock(node);
    },
    blockquote: (state, node) => state.wrapBlock("> ", null, node, () => state.renderContent(node)),
    bulletList: (state, node) => state.renderList(node, "  ", () => "- "),
    orderedList: (state, node) => {
      const start = (node.attrs.start as number) || 1;
      state.renderList(node, "   ", (i) => `${start + i}. `);
    },
    listItem: (state, node) => state.renderContent(node),
    taskList: (state, node) => state.renderList(node, "  ", (i) => (node.child(i).attrs.checked ? "- [x] " : "- [ ] ")),
    taskItem: (state, node) => state.renderContent(node),
    codeBlock: (state, node) => {
      const fence = node.textContent.includes("```") ? "~~~~" : "```";
      state.write(`${fence}${(node.attrs.language as string | null) ?? ""}\n`);
      state.text(node.textContent, false);
      state.ensureNewLine();
      state.write(fence);
      state.closeBlock(node);
    },
    horizontalRule: (state, node) => {
      state.write("---");
      state.closeBlock(node);
    },
    table,
    tableRow: () => {},
    tableHeader: () => {},
    tableCell: () => {},
    image: (state, node) => {
      const title = node.attrs.title ? ` "${(node.attrs.title as string).replace(/"/g, '\\"')}"` : "";
      state.write(`![${state.esc((node.attrs.alt as string | null) ?? "")}](${(node.attrs.src as string).replace(/[()]/g, "\\$&")}${title})`);
    },
    hardBreak: (state, node, parent, index) => {
      for (let i = index + 1; i < parent.childCount; i++) {
        if (parent.child(i).type !== node.type) {
          state.write("\\\n");
          return;
        }
      }
    },
    text: (state, node) => state.text(node.text ?? ""),
  },
  {
    italic: { open: "*", close: "*", mixable: true, expelEnclosingWhitespace: true },
    bold: { open: "**", close: "**", mixable: true, expelEnclosingWhitespace: true },
    strike: { open: "~~", close: "~~", mixable: true, expelEnclosingWhitespace: true },
    link: {
      open: "[",
      close: (_state, mark) => `](${(mark.attrs.href as string).replace(/[()"]/g, "\\$&")}${mark.attrs.title ? ` "${(mark.attrs.title as string).replace(/"/g, '\\"')}"` : ""})`,
    },
    code: { open: "`", close: "`", escape: false },
  },
);

/** The editor's document as Markdown, the format the association's files and sync clients keep. */
export function serializeMarkdown(doc: Node): string {
  const markdown = serializer.serialize(doc, { tightLists: true });
  return markdown ? `${markdown}\n` : "";
}
