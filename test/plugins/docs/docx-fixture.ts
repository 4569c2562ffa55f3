import { Document, ExternalHyperlink, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from "docx";

/** A 1×1 PNG, the smallest real picture. */
export const PNG = Uint8Array.from(atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="), (ch) => ch.charCodeAt(0));

/** Meeting minutes as an association writes them in Word: headings, marks, a list, a table, a link and a picture. */
export function minutesDocx(): Promise<ArrayBuffer> {
  const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: "Procès-verbal de l'AG", heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ text: "Présents", heading: HeadingLevel.HEADING_2 }),
          new Paragraph({ children: [new TextRun({ text: "Séance ouverte", bold: true }), new TextRun(" à 18 h, "), new TextRun({ text: "quorum atteint", italics: true }), new TextRun({ text: ", vote annulé", strike: true })] }),
          new Paragraph({ text: "Rapport moral", bullet: { level: 0 } }),
          new Paragraph({ text: "Rapport financier", bullet: { level: 0 } }),
          new Table({ rows: [new TableRow({ children: [cell("Poste"), cell("Montant")] }), new TableRow({ children: [cell("Cotisations"), cell("1 200 €")] })] }),
          new Paragraph({ children: [new TextRun("Voir "), new ExternalHyperlink({ link: "https://asso.example/ag", children: [new TextRun({ text: "le site", style: "Hyperlink" })] })] }),
          new Paragraph({ children: [new TextRun("Ligne un"), new TextRun({ text: "Ligne deux", break: 1 })] }),
          new Paragraph({ children: [new ImageRun({ type: "png", data: PNG, transformation: { width: 20, height: 20 }, altText: { name: "Logo", description: "Logo", title: "Logo" } })] }),
        ],
      },
    ],
  });
  return Packer.toArrayBuffer(doc);
}
