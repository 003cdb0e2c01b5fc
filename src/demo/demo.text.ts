import { foldVi } from '../core/vi-text.js';

/**
 * foldVi is exact but costs tens of microseconds (Unicode normalization and property regexes); at 100,000
 * products that is seconds. Names here are built from a few hundred recurring parts joined by spaces or
 * punctuation, and folding turns every run of non-letters into one space, so folding each part once and
 * joining with spaces gives the same result as folding the whole name (demo.generator.test.ts checks it).
 */
const cache = new Map<string, string>();

function foldPart(part: string): string {
  let folded = cache.get(part);
  if (folded === undefined) {
    folded = foldVi(part);
    if (cache.size > 100_000) cache.clear();
    cache.set(part, folded);
  }
  return folded;
}

export function foldParts(parts: readonly string[]): string {
  return parts
    .map(foldPart)
    .filter((p) => p.length > 0)
    .join(' ');
}
