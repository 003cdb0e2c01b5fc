/**
 * The folded words of the index and the two look-ups that make typing forgiving:
 * - completion of the last word, by binary search in the sorted word list ("lua van ph" → phúc, phú…);
 * - one typo on words of 4+ letters, by deletion neighbourhoods (SymSpell): a word and a query word within
 *   one edit (insertion, deletion, substitution, adjacent swap) share a form with at most one letter deleted.
 */
export const MIN_TYPO_LENGTH = 4;
const MAX_COMPLETIONS = 40;

export class Vocabulary {
  private sorted: string[] = [];
  private readonly known = new Set<string>();
  private readonly deletions = new Map<string, string[]>();

  has(word: string): boolean {
    return this.known.has(word);
  }

  add(word: string): void {
    if (this.known.has(word)) return;
    this.known.add(word);
    this.sorted.splice(lowerBound(this.sorted, word), 0, word);
    if (word.length < MIN_TYPO_LENGTH) return;
    for (const d of deletionsOf(word)) {
      const list = this.deletions.get(d);
      if (list) list.push(word);
      else this.deletions.set(d, [word]);
    }
  }

  /** Adds many words at once: one sort instead of one insertion each. */
  addAll(words: Iterable<string>): void {
    const fresh: string[] = [];
    for (const w of words) {
      if (this.known.has(w)) continue;
      this.known.add(w);
      fresh.push(w);
      if (w.length < MIN_TYPO_LENGTH) continue;
      for (const d of deletionsOf(w)) {
        const list = this.deletions.get(d);
        if (list) list.push(w);
        else this.deletions.set(d, [w]);
      }
    }
    this.sorted = this.sorted.concat(fresh).sort();
  }

  /** Words that start with `prefix` (the word itself excluded), shortest first, at most 40. */
  completions(prefix: string): string[] {
    const out: string[] = [];
    for (let i = lowerBound(this.sorted, prefix); i < this.sorted.length; i++) {
      const w = this.sorted[i] as string;
      if (!w.startsWith(prefix)) break;
      if (w !== prefix) out.push(w);
      if (out.length >= MAX_COMPLETIONS * 4) break;
    }
    return out.sort((a, b) => a.length - b.length || (a < b ? -1 : 1)).slice(0, MAX_COMPLETIONS);
  }

  /** Known words one edit away from `word` (not `word` itself); none for words under 4 letters. */
  typos(word: string): string[] {
    if (word.length < MIN_TYPO_LENGTH) return [];
    const found = new Set<string>();
    for (const form of [word, ...deletionsOf(word)]) {
      for (const w of this.deletions.get(form) ?? []) {
        if (w !== word && withinOneEdit(w, word)) found.add(w);
      }
      if (form !== word && this.known.has(form) && form.length >= MIN_TYPO_LENGTH) found.add(form);
    }
    return [...found];
  }
}

function deletionsOf(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Optimal string alignment distance ≤ 1. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

function lowerBound(sorted: string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as string) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
