import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { parseMarkdown } from "../../../plugins/docs/markdown/parse";
import { serializeMarkdown } from "../../../plugins/docs/markdown/serialize";
import { markdownOf, mergeMarkdown } from "../../../plugins/docs/markdown/ydoc";

const MINUTES = `# Compte rendu AG 2026

Présents : **Léa**, *Hugo* et ~~Paul~~ Marie.

## Ordre du jour

1. Budget
2. Fête de quartier

- [x] Envoyer la convocation
- [ ] Réserver la salle

Idées :

- Loto
- Pétition

> Prochaine réunion le 24 mai.

Voir [le site](https://asso.example/ag) et \`agenda.ics\`.

\`\`\`text
ligne de code
\`\`\`

| Poste | Montant |
| --- | --- |
| Salle | 120 € |
| Buffet | 80 € |

![Affiche](/remote.php/dav/files/lea/affiche.png)

---
`;

describe("Markdown ↔ the editor's document", () => {
  it("keeps meeting minutes intact through a round trip", () => {
    expect(serializeMarkdown(parseMarkdown(MINUTES))).toBe(MINUTES);
  });

  it("reads task lists, tables and marks into Tiptap's node names", () => {
    const doc = parseMarkdown(MINUTES).toJSON() as { content: { type: string; attrs?: Record<string, unknown> }[] };
    const types = doc.content.map((n) => n.type);
    expect(types).toEqual(expect.arrayContaining(["heading", "orderedList", "taskList", "bulletList", "blockquote", "codeBlock", "table", "horizontalRule"]));
    const json = JSON.stringify(doc);
    expect(json).toContain('"type":"taskItem","attrs":{"checked":true}');
    expect(json).toContain('"type":"tableHeader"');
    expect(json).toContain('{"type":"strike"}');
    expect(json).toContain('"href":"https://asso.example/ag"');
  });

  it("merges a file changed elsewhere into a live document without losing what people typed", () => {
    const server = new Y.Doc();
    mergeMarkdown(server, "# Réunion\n\nPremier point.\n\nDeuxième point.\n");
    const editor = new Y.Doc();
    Y.applyUpdate(editor, Y.encodeStateAsUpdate(server));

    // Someone types in the browser while the desktop client uploads an edited file.
    const typed = new Y.Doc();
    Y.applyUpdate(typed, Y.encodeStateAsUpdate(server));
    const firstParagraph = typed.getXmlFragment("default").get(1) as Y.XmlElement;
    (firstParagraph.get(0) as Y.XmlText).insert("Premier point.".length, " Ajout en ligne.");

    mergeMarkdown(server, "# Réunion\n\nPremier point.\n\nDeuxième point modifié.\n\nTroisième point.\n");
    Y.applyUpdate(server, Y.encodeStateAsUpdate(typed));

    expect(markdownOf(server)).toBe("# Réunion\n\nPremier point. Ajout en ligne.\n\nDeuxième point modifié.\n\nTroisième point.\n");
  });

  it("leaves an unchanged document untouched", () => {
    const doc = new Y.Doc();
    mergeMarkdown(doc, MINUTES);
    const before = Y.encodeStateVector(doc);
    mergeMarkdown(doc, MINUTES);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });
});
