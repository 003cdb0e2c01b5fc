import { authorize } from '../accounts/policy.js';
import { recordAudit } from '../audit/audit.repository.js';
import { findProductRaw } from '../catalog/product.repository.js';
import { inTransaction, type Ctx } from '../core/context.js';
import { NotFoundError, ValidationError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { normalizeVi } from '../core/vi-text.js';
import { ID_PATTERN, imageUrl, removeImageFiles, writeImageFiles } from './image-files.js';
import { processImage } from './image-processing.js';
import * as repo from './image.repository.js';

/** At most this many images per product (issue 5). */
export const MAX_IMAGES_PER_PRODUCT = 8;

export interface ImageUpload {
  data: Buffer;
  alt?: string | undefined;
}

function tooMany(): ValidationError {
  return new ValidationError([
    {
      field: 'file',
      message: `Mỗi sản phẩm có tối đa ${String(MAX_IMAGES_PER_PRODUCT)} ảnh.`,
      messageEn: `A product has at most ${String(MAX_IMAGES_PER_PRODUCT)} images.`,
    },
  ]);
}

async function productToChange(ctx: Ctx, productId: string) {
  const product = ID_PATTERN.test(productId) ? await findProductRaw(ctx, productId) : undefined;
  if (!product) throw new NotFoundError('product', productId);
  authorize(ctx.actor, 'update', {
    type: 'product',
    producerId: product.producer_id,
    communeId: product.commune_id,
  });
  return product;
}

/**
 * Adds an image to a product: checks, resizes and strips it, writes the files, then records the row, the
 * product's list of images and the audit entry in one transaction. When that transaction fails, the files go.
 */
export async function addProductImage(
  ctx: Ctx,
  uploadsDir: string,
  productId: string,
  upload: ImageUpload,
): Promise<string> {
  const product = await productToChange(ctx, productId);
  if ((await repo.imagesOf(ctx, productId)).length >= MAX_IMAGES_PER_PRODUCT) throw tooMany();
  const renditions = await processImage(upload.data);
  const large = renditions[0];
  if (!large) throw new Error('no rendition');
  const alt = normalizeVi(upload.alt?.trim() ? upload.alt.trim().slice(0, 300) : product.name_vi);
  const id = newId('img');
  await writeImageFiles(uploadsDir, productId, id, renditions);
  try {
    await inTransaction(ctx, async (tx) => {
      const images = await repo.imagesOf(tx, productId);
      if (images.length >= MAX_IMAGES_PER_PRODUCT) throw tooMany();
      const now = tx.clock.now().toISOString();
      const position = images.reduce((max, i) => Math.max(max, i.position), 0) + 1;
      await repo.insertImage(tx, {
        id,
        product_id: productId,
        position,
        width: large.width,
        height: large.height,
        bytes: large.data.length,
        alt,
        created_at: now,
      });
      await syncProductImages(tx, productId, now);
      await recordAudit(tx, {
        action: 'product.image.add',
        entityType: 'product',
        entityId: productId,
        changes: { image: [null, imageUrl(productId, id)], alt },
      });
    });
  } catch (error) {
    await removeImageFiles(uploadsDir, productId, id);
    throw error;
  }
  return id;
}

/** Removes an image: the row, the product's list and the audit entry together, then the files. */
export async function removeProductImage(
  ctx: Ctx,
  uploadsDir: string,
  productId: string,
  imageId: string,
): Promise<void> {
  await productToChange(ctx, productId);
  await inTransaction(ctx, async (tx) => {
    const images = await repo.imagesOf(tx, productId);
    if (!images.some((i) => i.id === imageId)) throw new NotFoundError('image', imageId);
    await repo.deleteImage(tx, productId, imageId);
    await syncProductImages(tx, productId, tx.clock.now().toISOString());
    await recordAudit(tx, {
      action: 'product.image.remove',
      entityType: 'product',
      entityId: productId,
      changes: { image: [imageUrl(productId, imageId), null] },
    });
  });
  await removeImageFiles(uploadsDir, productId, imageId);
}

export async function productImages(ctx: Ctx, productId: string) {
  return (await repo.imagesOf(ctx, productId)).map((i) => ({
    id: i.id,
    url: imageUrl(productId, i.id, 1600),
    thumbnailUrl: imageUrl(productId, i.id, 400),
    width: i.width,
    height: i.height,
    bytes: i.bytes,
    alt: i.alt,
  }));
}

async function syncProductImages(ctx: Ctx, productId: string, now: string): Promise<void> {
  const urls = (await repo.imagesOf(ctx, productId)).map((i) => imageUrl(productId, i.id, 1600));
  await repo.setProductImages(ctx, productId, urls, now);
}
