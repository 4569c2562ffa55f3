import { diff3Merge, diffIndices } from "node-diff3";

/** Lines with their newline kept, so that merged pieces join back into the exact text. */
const linesOf = (text: string): string[] => text.split(/(?<=\n)/);
/** Words, spaces and each punctuation mark, for a closer look where both sides changed the same lines. */
const wordsOf = (text: string): string[] => text.split(/(\s+|[^\p{L}\p{N}\s])/u).filter(Boolean);

/**
 * Merges two texts that both started from `base`: what only one side changed is taken from that side.
 * Lines first; where both sides changed the same or neighbouring lines, their words are merged the
 * same way. Where both changed the same words, both versions are kept, ours first, each as its own
 * block: nobody's words are dropped, and people can see the two and choose.
 */
export function mergeThreeWay(base: string, ours: string, theirs: string): string {
  const out: string[] = [];
  for (const region of diff3Merge(linesOf(ours), linesOf(base), linesOf(theirs), { excludeFalseConflicts: true })) {
    if (region.ok) out.push(...region.ok);
    else if (region.conflict) out.push(mergeWords(region.conflict.o.join(""), region.conflict.a.join(""), region.conflict.b.join("")));
  }
  return out.join("");
}

// Word-level merging is quadratic at worst (the same words recur): long clashing passages are kept whole.
const MAX_WORD_MERGE_CHARS = 20_000;

function mergeWords(base: string, ours: string, theirs: string): string {
  if (base.length + ours.length + theirs.length <= MAX_WORD_MERGE_CHARS) {
    const regions = diff3Merge(wordsOf(ours), wordsOf(base), wordsOf(theirs), { excludeFalseConflicts: true });
    if (regions.every((r) => r.ok)) return regions.flatMap((r) => r.ok!).join("");
  }
  return bothKept(ours, theirs);
}

function bothKept(ours: string, theirs: string): string {
  const gap = ours && theirs && !ours.endsWith("\n\n") ? (ours.endsWith("\n") ? "\n" : "\n\n") : "";
  return ours + gap + theirs;
}

/** How many lines differ between two texts: a measure of how far one is from the other. */
export function linesApart(a: string, b: string): number {
  return diffIndices(linesOf(a), linesOf(b)).reduce((n, d) => n + Math.max(d.buffer1[1], d.buffer2[1]), 0);
}
