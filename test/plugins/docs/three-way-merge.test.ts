import { describe, expect, it } from "vitest";
import { linesApart, mergeThreeWay } from "../../../plugins/docs/markdown/three-way";

const BASE = "# Assemblée générale\n\nPoint 1 : budget.\n\nPoint 2 : sortie de printemps.\n";

describe("three-way merge of a document's Markdown", () => {
  it("takes each side's changes to different paragraphs", () => {
    const ours = "# Assemblée générale\n\nPoint 1 : budget, adopté.\n\nPoint 2 : sortie de printemps.\n";
    const theirs = "# Assemblée générale\n\nPoint 1 : budget.\n\nPoint 2 : sortie de printemps.\n\nPoint 3 : questions diverses.\n";
    expect(mergeThreeWay(BASE, ours, theirs)).toBe("# Assemblée générale\n\nPoint 1 : budget, adopté.\n\nPoint 2 : sortie de printemps.\n\nPoint 3 : questions diverses.\n");
  });

  it("takes both sides' words in one paragraph, and text typed right after it", () => {
    const ours = "# Assemblée générale\n\nPoint 1 : budget.\n\nPoint 2 : sortie de printemps.\n\nPoint 3.\n";
    const theirs = "# Assemblée générale\n\nPoint 1 : budget.\n\nPoint 2 : sortie de printemps, reportée.\n";
    expect(mergeThreeWay(BASE, ours, theirs)).toBe("# Assemblée générale\n\nPoint 1 : budget.\n\nPoint 2 : sortie de printemps, reportée.\n\nPoint 3.\n");
  });

  it("keeps both versions of words both sides changed, ours first, as separate paragraphs", () => {
    expect(mergeThreeWay("Budget : 100 €.\n", "Budget : 120 €.\n", "Budget : 150 €.\n")).toBe("Budget : 120 €.\n\nBudget : 150 €.\n");
  });

  it("gives the other side's text when ours did not change, and ours when theirs did not", () => {
    const changed = "# Assemblée générale\n\nPoint 1 : budget voté.\n";
    expect(mergeThreeWay(BASE, BASE, changed)).toBe(changed);
    expect(mergeThreeWay(BASE, changed, BASE)).toBe(changed);
  });

  it("measures how many lines apart two versions are", () => {
    expect(linesApart(BASE, BASE)).toBe(0);
    expect(linesApart(BASE, BASE.replace("budget", "budget voté"))).toBe(1);
  });
});
