/**
 * "往年类似建议由 XX 办理": which earlier suggestion's title is most like this one, by character
 * bigrams (Chinese titles have no spaces to split words on; two characters carry most meaning).
 */

/** What every title says (关于…的建议) and punctuation: shared by all, they would make any two alike. */
const BOILERPLATE = /^关于|的?(意见)?建议$|[\s\p{P}\p{S}]/gu;

/** The title's distinct character bigrams, its boilerplate left out. */
export function titleBigrams(title: string): Set<string> {
  const chars = Array.from(title.replace(BOILERPLATE, ""));
  const grams = new Set<string>();
  if (chars.length === 1) grams.add(chars[0]!);
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!);
  return grams;
}

/** Dice's coefficient of two titles' bigrams: 1 for the same words, 0 for none in common. */
export function titleSimilarity(a: string, b: string): number {
  const x = titleBigrams(a);
  const y = titleBigrams(b);
  if (x.size + y.size === 0) return 0;
  let shared = 0;
  for (const gram of x) if (y.has(gram)) shared++;
  return (2 * shared) / (x.size + y.size);
}

/** Below this, titles share a word or two by chance ("农村", "改造"); above it, they are about the same. */
export const SIMILAR_TITLE_THRESHOLD = 0.3;

/**
 * An index of earlier titles for many look-ups: each bigram lists the titles that have it, so a
 * look-up counts shared bigrams only over titles sharing at least one (600 titles against 600 is
 * a few hundred thousand increments of a typed array, not 360,000 set comparisons).
 */
export function similarTitleIndex<T extends { title: string }>(earlier: readonly T[]) {
  const sizes = new Int32Array(earlier.length);
  const lists = new Map<string, number[]>();
  earlier.forEach((item, i) => {
    const grams = titleBigrams(item.title);
    sizes[i] = grams.size;
    for (const gram of grams) {
      const list = lists.get(gram);
      if (list) list.push(i);
      else lists.set(gram, [i]);
    }
  });
  const postings = new Map([...lists].map(([gram, list]) => [gram, Int32Array.from(list)]));
  // Reused by every look-up: shared counts per earlier title, and which titles were touched.
  const shared = new Int32Array(earlier.length);
  const touched = new Int32Array(earlier.length);
  return {
    /** The most similar earlier item at or above the threshold (the first of equals), with its score. */
    mostSimilar(title: string, threshold = SIMILAR_TITLE_THRESHOLD): { item: T; score: number } | null {
      const grams = titleBigrams(title);
      let count = 0;
      for (const gram of grams) {
        const list = postings.get(gram);
        if (!list) continue;
        for (let k = 0; k < list.length; k++) {
          const i = list[k]!;
          if (shared[i] === 0) touched[count++] = i;
          shared[i]!++;
        }
      }
      let best = -1;
      let bestScore = 0;
      for (let k = 0; k < count; k++) {
        const i = touched[k]!;
        const score = (2 * shared[i]!) / (grams.size + sizes[i]!);
        shared[i] = 0;
        if (score >= threshold && (score > bestScore || (score === bestScore && i < best))) {
          best = i;
          bestScore = score;
        }
      }
      return best < 0 ? null : { item: earlier[best]!, score: bestScore };
    },
  };
}
