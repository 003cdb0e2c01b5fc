import { fileURLToPath } from 'node:url';

/**
 * The platform's images, drawn from these SVGs by `npm run brand-images` (scripts/brand-images.ts) into
 * assets/brand/ and committed, so that no start loads an image library to draw them.
 */

/** The site icon: a gold star on the brand green (/favicon.ico answers a PNG of it, seo.ts; layout.ts links the SVG). */
export const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="12" fill="#0b5d3b"/>' +
  '<polygon fill="#f2c14e" points="32,9 38.6,24.6 55.5,24.6 41.9,34.9 47,51.5 32,41.5 17,51.5 22.1,34.9 8.5,24.6 25.4,24.6"/></svg>';
export const OG_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" viewBox="0 0 1200 630">
<rect width="1200" height="630" fill="#0b5d3b"/>
<rect x="40" y="40" width="1120" height="550" rx="24" fill="none" stroke="#f2c14e" stroke-width="6"/>
<g fill="#f2c14e" transform="translate(600 200)">${[-2, -1, 0, 1, 2]
  .map(
    (i) =>
      `<polygon transform="translate(${String(i * 110)} 0)" points="0,-45 13,-14 46,-14 19,6 29,38 0,19 -29,38 -19,6 -46,-14 -13,-14"/>`,
  )
  .join('')}</g>
<text x="600" y="370" text-anchor="middle" font-family="DejaVu Sans, Arial, sans-serif" font-size="96" font-weight="700" fill="#ffffff">OCOP Hà Nội</text>
<text x="600" y="450" text-anchor="middle" font-family="DejaVu Sans, Arial, sans-serif" font-size="40" fill="#ffffff">Mỗi xã một sản phẩm · One Commune One Product</text>
</svg>`;

const BRAND_DIR = new URL('../../assets/brand/', import.meta.url);

/** The committed PNGs: the default Open Graph image (1200×630) and the /favicon.ico answer (48×48). */
export const BRAND_IMAGES = {
  og: fileURLToPath(new URL('og-default.png', BRAND_DIR)),
  favicon: fileURLToPath(new URL('favicon-48.png', BRAND_DIR)),
} as const;
