import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Where product images live on disk: `<uploads>/products/<productId>/<imageId>-<size>.webp`, and the public URL
 * of each (`/media/products/…`). Ids are checked against a strict pattern before they reach a path.
 */
export const IMAGE_SIZES = [1600, 400] as const;
export type ImageSize = (typeof IMAGE_SIZES)[number];

export const ID_PATTERN = /^[a-z]{3}_[0-9a-z]{16}$/;

export function imageUrl(productId: string, imageId: string, size: ImageSize = 1600): string {
  return `/media/products/${productId}/${imageId}-${String(size)}.webp`;
}

export function productDir(uploadsDir: string, productId: string): string {
  if (!ID_PATTERN.test(productId)) throw new Error(`not a product id: ${productId}`);
  return join(uploadsDir, 'products', productId);
}

export function imagePath(uploadsDir: string, productId: string, imageId: string, size: ImageSize): string {
  if (!ID_PATTERN.test(imageId)) throw new Error(`not an image id: ${imageId}`);
  return join(productDir(uploadsDir, productId), `${imageId}-${String(size)}.webp`);
}

/** Writes each file under a temporary name, then renames it: a reader never sees half a file. */
export async function writeImageFiles(
  uploadsDir: string,
  productId: string,
  imageId: string,
  files: ReadonlyArray<{ size: ImageSize; data: Buffer }>,
): Promise<void> {
  await mkdir(productDir(uploadsDir, productId), { recursive: true });
  for (const f of files) {
    const target = imagePath(uploadsDir, productId, imageId, f.size);
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temp, f.data);
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      await removeImageFiles(uploadsDir, productId, imageId);
      throw error;
    }
  }
}

export async function removeImageFiles(
  uploadsDir: string,
  productId: string,
  imageId: string,
): Promise<void> {
  await Promise.all(
    IMAGE_SIZES.map((size) => rm(imagePath(uploadsDir, productId, imageId, size), { force: true })),
  );
}
