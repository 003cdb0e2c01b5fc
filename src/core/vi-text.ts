/**
 * Vietnamese text on the way in and for comparison.
 *
 * Tone-mark convention (docs/decisions/0003-vietnamese-text.md): we store the traditional placement that
 * most official unit lists use, with the mark on the first vowel of a final oa/oe/uy ("Hòa", "khỏe",
 * "Thủy"), so "Hoà"/"Hòa" and "Thuỷ"/"Thủy" become one spelling. "quý" is untouched: there u belongs to qu.
 * `fold` removes every mark and maps đ→d for search and matching.
 */
const OLD_TO_NEW_TONE: Array<[RegExp, string]> = [];
const TONES = ['\u0300', '\u0301', '\u0303', '\u0309', '\u0323'];
// The other style puts the tone on the second vowel of oa, oe, uy ("hoà", "thuỷ").
for (const [a, b] of [
  ['o', 'a'],
  ['o', 'e'],
  ['u', 'y'],
]) {
  for (const tone of TONES) {
    for (const [x, y] of [
      [a, b],
      [a?.toUpperCase(), b?.toUpperCase()],
      [a?.toUpperCase(), b],
    ]) {
      // Only when the pair ends the syllable: "hoàng" keeps its mark on a.
      OLD_TO_NEW_TONE.push([
        new RegExp(`(?<![qQ])${x}${y}${tone}(?![\\p{L}\\p{M}])`, 'gu'),
        `${x}${tone}${y}`,
      ]);
    }
  }
}

/** NFC, trimmed, inner whitespace collapsed, one tone-mark convention. */
export function normalizeVi(input: string): string {
  let s = input.normalize('NFD').replace(/\s+/gu, ' ').trim();
  for (const [re, repl] of OLD_TO_NEW_TONE) s = s.replace(re, repl);
  return s.normalize('NFC');
}

/** Lower case, no marks, đ→d: the key for accent-insensitive comparison. */
export function foldVi(input: string): string {
  return input
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/gu, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** URL slug: folded words joined by hyphens. */
export function slugVi(input: string): string {
  return foldVi(input).replace(/ /g, '-');
}

/** One word of a text, as written (normalized, lower case, marks kept) and folded. */
export interface ViWord {
  marked: string;
  folded: string;
}

/**
 * The words of a text for search: normalized (so decomposed input and both tone styles agree), lower-cased,
 * split on anything that is not a letter, mark or digit (punctuation, symbols, emoji, control characters).
 */
export function wordsVi(input: string): ViWord[] {
  const words: ViWord[] = [];
  for (const marked of normalizeVi(input)
    .toLowerCase()
    .split(/[^\p{L}\p{M}\p{N}]+/u)) {
    const folded = foldVi(marked);
    if (folded !== '' && !folded.includes(' ')) words.push({ marked, folded });
  }
  return words;
}

/** True when the text carries a Vietnamese mark or đ, i.e. its writer chose the accents. */
export function hasMarksVi(input: string): boolean {
  return /[\u0300-\u036f\u0111\u0110]/u.test(input.normalize('NFD'));
}
