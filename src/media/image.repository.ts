import type { Ctx } from '../core/context.js';
import type { ProductImageTable } from '../db/schema.js';

/** The images of a product, in their display order. */
export async function imagesOf(ctx: Ctx, productId: string) {
  return ctx.db
    .selectFrom('product_images')
    .selectAll()
    .where('product_id', '=', productId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export type ProductImageRow = Awaited<ReturnType<typeof imagesOf>>[number];

export async function insertImage(ctx: Ctx, row: ProductImageTable): Promise<void> {
  await ctx.db.insertInto('product_images').values(row).execute();
}

export async function deleteImage(ctx: Ctx, productId: string, imageId: string): Promise<void> {
  await ctx.db
    .deleteFrom('product_images')
    .where('product_id', '=', productId)
    .where('id', '=', imageId)
    .execute();
}

/** products.images is what the API and the website read: the ordered list of the large images' URLs. */
export async function setProductImages(
  ctx: Ctx,
  productId: string,
  urls: string[],
  now: string,
): Promise<void> {
  await ctx.db
    .updateTable('products')
    .set({ images: JSON.stringify(urls), updated_at: now })
    .where('id', '=', productId)
    .execute();
}
