/**
 * Draws the platform's PNG images from their SVGs (src/web/brand.ts) into assets/brand/, where they are
 * committed. Run after changing an SVG: `npm run brand-images`.
 */
import { writeFileSync } from 'node:fs';
import sharp from 'sharp';
import { BRAND_IMAGES, FAVICON_SVG, OG_SVG } from '../src/web/brand.js';

const og = await sharp(Buffer.from(OG_SVG)).png({ compressionLevel: 9 }).toBuffer();
writeFileSync(BRAND_IMAGES.og, og);
const favicon = await sharp(Buffer.from(FAVICON_SVG)).resize(48, 48).png({ compressionLevel: 9 }).toBuffer();
writeFileSync(BRAND_IMAGES.favicon, favicon);
console.log(
  `${BRAND_IMAGES.og}: ${String(og.length)} bytes\n${BRAND_IMAGES.favicon}: ${String(favicon.length)} bytes`,
);
