import { ValidationError } from '../core/errors.js';
import type { ImageSize } from './image-files.js';

/** Upload limits (issue 5): the bytes, the formats (by content, never by name), the pixels of a decoded image. */
/** sharp (native, ≈ 0.2 s to load) is loaded by the first upload, not by every start. */
let loaded: Promise<typeof import('sharp')> | undefined;
async function sharp() {
  return (await (loaded ??= import('sharp'))).default;
}

export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
const ACCEPTED = new Set(['jpeg', 'png', 'webp']);
const MAX_INPUT_PIXELS = 60_000_000;

export interface ProcessedImage {
  size: ImageSize;
  data: Buffer;
  width: number;
  height: number;
}

export function notAnImage(): ValidationError {
  return new ValidationError([
    {
      field: 'file',
      message: 'Tệp không phải ảnh JPEG, PNG hoặc WebP.',
      messageEn: 'The file is not a JPEG, PNG or WebP image.',
    },
  ]);
}

export function tooLarge(): ValidationError {
  return new ValidationError([
    { field: 'file', message: 'Ảnh lớn hơn 10 MB.', messageEn: 'The image is larger than 10 MB.' },
  ]);
}

/**
 * Checks the bytes are a JPEG, PNG or WebP (sharp reads the header, whatever the file is called), then makes the
 * two renditions: upright (EXIF orientation applied), within 1600 px and 400 px, WebP, with no metadata at all
 * — sharp drops EXIF, XMP, IPTC and ICC unless asked to keep them, so GPS positions never leave the phone.
 */
export async function processImage(input: Buffer): Promise<ProcessedImage[]> {
  if (input.length > MAX_IMAGE_BYTES) throw tooLarge();
  let format: string;
  try {
    format = (await (await sharp())(input, { limitInputPixels: MAX_INPUT_PIXELS }).metadata()).format;
  } catch {
    throw notAnImage();
  }
  if (!ACCEPTED.has(format)) throw notAnImage();
  try {
    return await Promise.all(([1600, 400] as const).map((size) => rendition(input, size)));
  } catch {
    throw notAnImage();
  }
}

async function rendition(input: Buffer, size: ImageSize): Promise<ProcessedImage> {
  const load = await sharp();
  const { data, info } = await load(input, { limitInputPixels: MAX_INPUT_PIXELS, animated: false })
    .autoOrient()
    .resize({ width: size, height: size, fit: 'inside', withoutEnlargement: true })
    .webp({ quality: size === 400 ? 75 : 82 })
    .toBuffer({ resolveWithObject: true });
  return { size, data, width: info.width, height: info.height };
}
