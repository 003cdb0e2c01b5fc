import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BRAND_IMAGES } from './brand.js';

/** Width and height from a PNG's IHDR chunk (bytes 16–23), after checking the signature. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(
    true,
  );
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('the committed brand images', () => {
  it('are PNGs of the sizes the pages announce', () => {
    expect(pngSize(BRAND_IMAGES.og)).toEqual({ width: 1200, height: 630 });
    expect(pngSize(BRAND_IMAGES.favicon)).toEqual({ width: 48, height: 48 });
  });
});
