import { foldVi } from '../../src/core/vi-text.js';

/**
 * The ways one query is typed: as judged, without accents, decomposed (NFD, as some phones send it), in the
 * other tone-mark style ("hoà" for "hòa"), with đ written d, with one typo, and with the last word cut short.
 */
export type VariantKind =
  'original' | 'noAccents' | 'nfd' | 'otherToneStyle' | 'dForDj' | 'typo' | 'lastWordCut';

export interface Variant {
  kind: VariantKind;
  q: string;
}

export function variantsOf(q: string): Variant[] {
  const all: Variant[] = [
    { kind: 'original', q },
    { kind: 'noAccents', q: foldVi(q) },
    { kind: 'nfd', q: q.normalize('NFD') },
    { kind: 'otherToneStyle', q: otherToneStyle(q) },
    { kind: 'dForDj', q: q.replace(/đ/g, 'd').replace(/Đ/g, 'D') },
    { kind: 'typo', q: oneTypo(foldVi(q)) },
    { kind: 'lastWordCut', q: lastWordCut(q) },
  ];
  const seen = new Set<string>();
  return all.filter((v) => {
    if (v.q === '' || seen.has(v.q)) return false;
    seen.add(v.q);
    return true;
  });
}

const TONES = '\u0300\u0301\u0303\u0309\u0323';
const OTHER_STYLE = new RegExp(`(?<![qQ])([oOuU])([${TONES}])([aeyAEY])(?![\\p{L}\\p{M}])`, 'gu');

/** Moves the tone of a final oa/oe/uy to the second vowel: "hòa" → "hoà", "thủy" → "thuỷ". */
export function otherToneStyle(q: string): string {
  return q
    .normalize('NFD')
    .replace(OTHER_STYLE, (_, a: string, tone: string, b: string) => `${a}${b}${tone}`)
    .normalize('NFC');
}

/** Swaps two inner letters of the longest word of 4+ letters ("trang" → "tarng"); unchanged if there is none. */
export function oneTypo(folded: string): string {
  const words = folded.split(' ');
  let at = -1;
  words.forEach((w, i) => {
    if (w.length >= 4 && (at < 0 || w.length > (words[at]?.length ?? 0))) at = i;
  });
  if (at < 0) return '';
  const w = words[at] ?? '';
  const i = Math.floor(w.length / 2) - 1;
  words[at] = w.slice(0, i) + (w[i + 1] ?? '') + (w[i] ?? '') + w.slice(i + 2);
  return words.join(' ');
}

/** Cuts the last word to half its letters (at least two), as typed before the word is finished. */
export function lastWordCut(q: string): string {
  const words = q.split(' ');
  const last = Array.from(words.pop() ?? '');
  if (last.length < 3) return '';
  words.push(last.slice(0, Math.max(2, Math.ceil(last.length / 2))).join(''));
  return words.join(' ');
}
