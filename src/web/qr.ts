import QRCode from 'qrcode';

/**
 * QR codes as inline SVG. Drawing one costs a few milliseconds, and a product page is asked for far more often
 * than its address changes, so the last few thousand are kept (the address is the key: it carries everything).
 */
const MAX = 5000;
const cache = new Map<string, string>();

export async function qrSvg(text: string): Promise<string> {
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  cache.set(text, svg);
  if (cache.size > MAX) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return svg;
}
