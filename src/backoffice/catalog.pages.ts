import type { FastifyInstance } from 'fastify';
import { producerFormPages } from './producer-form.page.js';
import { producerPages } from './producers.page.js';
import { productFormPages } from './product-form.page.js';
import { productImagePages } from './product-images.page.js';
import { productPage } from './product.page.js';
import { productListPages } from './products.page.js';

/** Producers and products in the back office (list, create, edit, images, bulk actions). */
export async function catalogPages(app: FastifyInstance): Promise<void> {
  producerFormPages(app);
  producerPages(app);
  productFormPages(app);
  productListPages(app);
  productPage(app);
  // Its own scope: multipart parsing is registered for the image upload only.
  await app.register(productImagePages);
}
